"""Two-step log-in: staff with a TOTP device must enter a code; with STAFF_2FA_REQUIRED superusers must enrol."""

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

ENROL, VERIFY = "/admin/2fa/enrol/", "/admin/2fa/verify/"


def _code(device):
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


@pytest.fixture
def superuser():
    return UserFactory(username="chief", is_superuser=True, is_staff=True)


def test_superuser_without_device_is_sent_to_enrolment_when_required(client, superuser, settings):
    settings.STAFF_2FA_REQUIRED = True
    client.force_login(superuser)
    assert client.get("/admin/")["Location"].startswith(ENROL)


def test_superuser_without_device_is_let_in_when_not_required(client, superuser):
    client.force_login(superuser)
    assert client.get("/admin/").status_code == 200


def test_enrolment_page_shows_qr_code_and_uri(client, superuser, settings):
    settings.STAFF_2FA_REQUIRED = True
    client.force_login(superuser)
    content = client.get(ENROL).content.decode()
    assert "<svg" in content and "otpauth://totp/" in content


def test_enrolment_with_valid_code_lets_the_user_in(client, superuser, settings):
    settings.STAFF_2FA_REQUIRED = True
    client.force_login(superuser)
    client.get(ENROL)
    device = TOTPDevice.objects.get(user=superuser)
    client.post(ENROL, {"token": _code(device), "next": "/admin/"})
    assert client.get("/admin/").status_code == 200


def test_user_with_device_is_sent_to_verification(client, superuser):
    TOTPDevice.objects.create(user=superuser, name="app", confirmed=True)
    client.force_login(superuser)
    assert client.get("/admin/")["Location"].startswith(VERIFY)


def test_wrong_code_is_refused_in_chinese(client, superuser):
    TOTPDevice.objects.create(user=superuser, name="app", confirmed=True)
    client.force_login(superuser)
    response = client.post(VERIFY, {"token": "000000"})
    assert "验证码不正确" in response.content.decode()


def test_wrong_code_keeps_the_admin_closed(client, superuser):
    TOTPDevice.objects.create(user=superuser, name="app", confirmed=True)
    client.force_login(superuser)
    client.post(VERIFY, {"token": "000000"})
    assert client.get("/admin/").status_code == 302


def test_valid_code_opens_the_admin(client, superuser):
    device = TOTPDevice.objects.create(user=superuser, name="app", confirmed=True)
    client.force_login(superuser)
    client.post(VERIFY, {"token": _code(device)})
    assert client.get("/admin/").status_code == 200


def test_user_owing_a_code_cannot_enrol_a_new_device_instead(client, superuser):
    TOTPDevice.objects.create(user=superuser, name="app", confirmed=True)
    client.force_login(superuser)
    assert client.get(ENROL)["Location"].startswith(VERIFY)


def test_account_page_offers_two_factor_set_up(client, superuser):
    client.force_login(superuser)
    assert ENROL in client.get("/admin/account/").content.decode()
