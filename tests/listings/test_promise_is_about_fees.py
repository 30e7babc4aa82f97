"""The promise a poster makes is about fees beyond the rent or wage, which the listing itself may charge."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_rental_promise_does_not_forbid_charging_rent(client, county):
    html = client.get(reverse("listings:rentals_submit")).content.decode()
    assert "不向租客收取中介费、看房费等租金以外的费用" in html
