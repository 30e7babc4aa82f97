"""Numbers a unit publishes elsewhere (a booking window's phone, a guide's 咨询电话) stay visible in masked text."""

import pytest

from tests.appointments.conftest import make_guide, make_window
from townsquare.core.privacy import mask_text
from townsquare.resident_requests import public_numbers

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_public_numbers():
    public_numbers.forget()
    yield
    public_numbers.forget()


def test_a_booking_windows_phone_stays_visible(county):
    window = make_window(county.town_a.unit)
    window.phone = "0999-6661008"
    window.save()

    assert "0999-6661008" in mask_text("请拨打户籍窗口电话0999-6661008预约。")


def test_a_guides_consult_phone_stays_visible(county):
    guide = make_guide(county.town_a)
    guide.consult_phone = "0999-6662010"
    guide.save_revision().publish()

    assert "0999-6662010" in mask_text("咨询电话0999-6662010。")


def test_a_residents_number_beside_them_is_still_masked(county):
    make_window(county.town_a.unit)

    assert "0999-6663333" not in mask_text("请拨0000-7654321；我的电话0999-6663333。")
