"""A resident with the booking code but not the phone asks for a one-time code by e-mail: six digits to the
booking's address, valid APPOINTMENT_EMAIL_CODE_MINUTES, stored hashed, opening that one booking once.
Sending and wrong digits are limited; the page shows the address masked at most."""

import re
from datetime import date, time, timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from townsquare.appointments.models import EmailCode

from .conftest import NOW, at, slot_at
from .test_public import booked

pytestmark = pytest.mark.django_db

SEND = "appointments:email_code_send"
CHECK = "appointments:email_code_check"


@pytest.fixture
def booking(client, service, slot):
    """Booked with zsf@example.com, in the resident's own browser."""
    return booked(client, slot)


def ask(browser, booking):
    return browser.post(reverse(SEND), {"code": booking.display_code})


def digits_of(message):
    return re.search(r"验证码：(\d{6})", message.body).group(1)


def sent_digits(browser, booking):
    ask(browser, booking)
    return digits_of(mail.outbox[-1])


def enter(browser, booking, digits):
    return browser.post(reverse(CHECK), {"code": booking.code, "email_code": digits})


def opens(browser, booking):
    return browser.get(reverse("appointments:booking", args=[booking.code])).status_code == 200


def test_asking_sends_a_mail_to_the_bookings_address(booking):
    ask(Client(), booking)
    assert [m.to for m in mail.outbox] == [["zsf@example.com"]]


def test_the_code_is_six_digits(booking):
    ask(Client(), booking)
    assert re.search(r"验证码：\d{6}\n", mail.outbox[0].body)


def test_the_page_shows_the_address_masked_only(booking):
    html = ask(Client(), booking).content.decode()
    assert "z***@example.com" in html and "zsf@example.com" not in html


def test_the_code_is_stored_hashed(booking):
    digits = sent_digits(Client(), booking)
    assert digits not in EmailCode.objects.get(booking=booking).digest


def test_the_right_code_opens_the_booking(booking):
    browser = Client()
    enter(browser, booking, sent_digits(browser, booking))
    assert opens(browser, booking)


def test_the_right_code_opens_that_booking_only(booking, client, service):
    other = booked(client, slot_at(service, date(2026, 12, 3), time(10)), submission_key="y" * 24)
    browser = Client()
    enter(browser, booking, sent_digits(browser, booking))
    assert not opens(browser, other)


def test_a_wrong_code_is_refused_in_chinese(booking):
    browser = Client()
    digits = sent_digits(browser, booking)
    wrong = f"{(int(digits) + 1) % 1000000:06d}"
    assert "验证码不对" in enter(browser, booking, wrong).content.decode()


def test_a_wrong_code_opens_nothing(booking):
    browser = Client()
    digits = sent_digits(browser, booking)
    enter(browser, booking, f"{(int(digits) + 1) % 1000000:06d}")
    assert not opens(browser, booking)


def test_an_expired_code_is_refused_in_chinese(booking, frozen, settings):
    browser = Client()
    digits = sent_digits(browser, booking)
    with at(NOW + timedelta(minutes=settings.APPOINTMENT_EMAIL_CODE_MINUTES, seconds=1)):
        response = enter(browser, booking, digits)
    assert "验证码已经过期了" in response.content.decode()


def test_a_code_within_its_minutes_still_opens(booking, frozen, settings):
    browser = Client()
    digits = sent_digits(browser, booking)
    with at(NOW + timedelta(minutes=settings.APPOINTMENT_EMAIL_CODE_MINUTES - 1)):
        enter(browser, booking, digits)
    assert opens(browser, booking)


def test_a_used_code_is_refused_in_chinese(booking):
    digits = sent_digits(Client(), booking)
    enter(Client(), booking, digits)
    assert "已经用过了" in enter(Client(), booking, digits).content.decode()


def test_a_used_code_opens_nothing_in_another_browser(booking):
    digits = sent_digits(Client(), booking)
    enter(Client(), booking, digits)
    second = Client()
    enter(second, booking, digits)
    assert not opens(second, booking)


def test_a_booking_without_an_address_gets_no_mail(client, service, slot):
    no_address = booked(client, slot, email="")
    ask(Client(), no_address)
    assert mail.outbox == []


def test_no_address_and_an_unknown_code_get_the_same_answer(client, service, slot):
    no_address = booked(client, slot, email="")
    without = ask(Client(), no_address)
    unknown = Client().post(reverse(SEND), {"code": "ZZZZ-ZZZZ"})
    assert (without.status_code, "没有留邮箱" in without.content.decode()) == (
        unknown.status_code,
        "没有留邮箱" in unknown.content.decode(),
    )


def test_sending_is_limited_per_booking(booking, settings):
    settings.APPOINTMENT_EMAIL_CODES_PER_HOUR = 2
    for _ in range(3):
        ask(Client(), booking)
    assert len(mail.outbox) == 2


def test_sending_over_the_limit_is_refused_in_chinese(booking, settings):
    settings.APPOINTMENT_EMAIL_CODES_PER_HOUR = 1
    ask(Client(), booking)
    response = ask(Client(), booking)
    assert response.status_code == 429 and "验证码发得太多了" in response.content.decode()


def test_sending_is_limited_per_email_address(client, service, slot, settings):
    settings.APPOINTMENT_EMAIL_CODES_PER_HOUR = 1
    first = booked(client, slot)
    second = booked(client, slot_at(service, date(2026, 12, 3), time(10)), submission_key="y" * 24)
    ask(Client(), first)
    ask(Client(), second)
    assert len(mail.outbox) == 1


def test_sending_is_limited_per_client_address(client, service, slot, settings):
    settings.APPOINTMENT_LOOKUP_FAILURES_PER_IP_HOUR = 1
    first = booked(client, slot)
    second = booked(
        client, slot_at(service, date(2026, 12, 3), time(10)), submission_key="y" * 24, email="other@example.com"
    )
    browser = Client()
    ask(browser, first)
    ask(browser, second)
    assert len(mail.outbox) == 1


def test_wrong_codes_are_limited_like_wrong_phone_digits(booking, settings):
    settings.APPOINTMENT_LOOKUP_FAILURES_PER_CODE_HOUR = 2
    browser = Client()
    digits = sent_digits(browser, booking)
    for _ in range(2):
        Client().post(reverse(CHECK), {"code": booking.code, "email_code": f"{(int(digits) + 1) % 1000000:06d}"})
    assert enter(browser, booking, digits).status_code == 429
