"""Staff log-in is locked after too many wrong passwords, by user name and by address."""

from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

WAGTAIL_LOGIN = "/admin/login/"
DJANGO_LOGIN = "/django-admin/login/"


def _post(client, url, username, password, address="10.0.0.1"):
    return client.post(url, {"username": username, "password": password}, REMOTE_ADDR=address)


def _fail(client, url, username, times, address="10.0.0.1"):
    for _ in range(times):
        _post(client, url, username, "wrong-password-1", address)


@pytest.fixture
def staff():
    return UserFactory(username="lockme", is_superuser=True, is_staff=True)


def test_right_password_after_too_many_failures_is_refused(client, staff, settings):
    _fail(client, WAGTAIL_LOGIN, "lockme", settings.LOGIN_MAX_FAILURES_PER_USER)
    response = _post(client, WAGTAIL_LOGIN, "lockme", PASSWORD)
    assert "_auth_user_id" not in client.session and "登录失败次数过多" in response.content.decode()


def test_failures_below_the_limit_do_not_lock(client, staff, settings):
    _fail(client, WAGTAIL_LOGIN, "lockme", settings.LOGIN_MAX_FAILURES_PER_USER - 1)
    _post(client, WAGTAIL_LOGIN, "lockme", PASSWORD)
    assert client.session.get("_auth_user_id") == str(staff.pk)


def test_lock_counts_the_user_name_from_any_address(client, staff, settings):
    for n in range(settings.LOGIN_MAX_FAILURES_PER_USER):
        _fail(client, WAGTAIL_LOGIN, "lockme", 1, address=f"10.0.1.{n}")
    _post(client, WAGTAIL_LOGIN, "lockme", PASSWORD, address="10.0.2.1")
    assert "_auth_user_id" not in client.session


def test_one_address_trying_many_names_is_locked(client, staff, settings):
    for n in range(settings.LOGIN_MAX_FAILURES_PER_ADDRESS):
        _fail(client, WAGTAIL_LOGIN, f"guess{n}", 1, address="10.9.9.9")
    _post(client, WAGTAIL_LOGIN, "lockme", PASSWORD, address="10.9.9.9")
    assert "_auth_user_id" not in client.session


def test_django_admin_login_is_locked_too(client, staff, settings):
    _fail(client, DJANGO_LOGIN, "lockme", settings.LOGIN_MAX_FAILURES_PER_USER)
    response = _post(client, DJANGO_LOGIN, "lockme", PASSWORD)
    assert "登录失败次数过多" in response.content.decode()


def test_lock_ends_after_the_lockout_time(client, staff, settings):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        _fail(client, WAGTAIL_LOGIN, "lockme", settings.LOGIN_MAX_FAILURES_PER_USER)
        clock.shift(timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES, seconds=1))
        _post(client, WAGTAIL_LOGIN, "lockme", PASSWORD)
    assert client.session.get("_auth_user_id") == str(staff.pk)


def test_admin_unlocks_with_the_command(client, staff, settings):
    _fail(client, WAGTAIL_LOGIN, "lockme", settings.LOGIN_MAX_FAILURES_PER_USER)
    call_command("unlock_login", "lockme")
    _post(client, WAGTAIL_LOGIN, "lockme", PASSWORD)
    assert client.session.get("_auth_user_id") == str(staff.pk)


def test_wagtail_login_page_still_renders(client):
    assert client.get(reverse("wagtailadmin_login")).status_code == 200
