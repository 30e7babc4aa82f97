"""Who may see and change a booking: the browser that made it, or one that gave its code and the phone's
last four digits — never anyone who merely knows the phone number. Pages with a resident's data are not stored."""

import re
from datetime import date, time

import pytest
from django.test import Client
from django.urls import reverse

from townsquare.appointments.models import Booking

from .conftest import slot_at
from .test_public import book_url, booked, form_data

pytestmark = pytest.mark.django_db

LOOKUP = "appointments:lookup"
VOLATILE = re.compile(r'(name="csrfmiddlewaretoken" value|nonce)="[^"]*"')  # differ on every page


@pytest.fixture
def victims(client, service, slot):
    """The resident's own booking, made in their own browser."""
    return booked(client, slot)


@pytest.fixture
def intruder(service):
    """A second browser that books another day with the resident's phone number."""
    browser = Client()
    booked(browser, slot_at(service, date(2026, 12, 3), time(10)), name="李四", submission_key="x" * 24)
    return browser


def test_booking_with_the_same_phone_does_not_list_the_residents_booking(victims, intruder):
    own = Booking.objects.get(name="李四")
    html = intruder.get(reverse("appointments:booking", args=[own.code])).content.decode()
    assert victims.code not in html and victims.display_code not in html


def test_booking_with_the_same_phone_does_not_open_the_residents_booking(victims, intruder):
    response = intruder.get(reverse("appointments:booking", args=[victims.code]))
    assert response.status_code == 302 and reverse(LOOKUP) in response["Location"]


def test_booking_with_the_same_phone_cannot_cancel_the_residents_booking(victims, intruder):
    intruder.post(reverse("appointments:cancel", args=[victims.code]))
    assert Booking.objects.get(pk=victims.pk).status == Booking.Status.BOOKED


def test_booking_with_the_same_phone_cannot_move_the_residents_booking(victims, intruder, service):
    target = slot_at(service, date(2026, 12, 4), time(14))
    intruder.post(reverse("appointments:move", args=[victims.code]), {"day": "2026-12-04", "slot": str(target.pk)})
    assert Booking.objects.get(pk=victims.pk).slot_id == victims.slot_id


def test_code_and_last_four_digits_open_that_booking(victims):
    browser = Client()
    browser.post(reverse(LOOKUP), {"code": victims.display_code, "phone_tail": "5678"})
    assert browser.get(reverse("appointments:booking", args=[victims.code])).status_code == 200


def test_code_and_last_four_digits_open_that_booking_only(victims, client, service):
    other = booked(client, slot_at(service, date(2026, 12, 3), time(10)), submission_key="y" * 24)
    browser = Client()
    browser.post(reverse(LOOKUP), {"code": victims.code, "phone_tail": "5678"})
    assert browser.get(reverse("appointments:booking", args=[other.code])).status_code == 302


def test_wrong_digits_are_refused(victims):
    browser = Client()
    browser.post(reverse(LOOKUP), {"code": victims.code, "phone_tail": "5677"})
    assert browser.get(reverse("appointments:booking", args=[victims.code])).status_code == 302


def test_wrong_digits_and_an_unknown_code_get_the_same_answer(victims):
    wrong = Client().post(reverse(LOOKUP), {"code": victims.code, "phone_tail": "5677"})
    unknown = Client().post(reverse(LOOKUP), {"code": "ZZZZZZZZ", "phone_tail": "5677"})
    pages = [(r.status_code, VOLATILE.sub("", r.content.decode())) for r in (wrong, unknown)]
    assert pages[0] == (pages[1][0], pages[1][1].replace("ZZZZZZZZ", victims.code))


def test_unknown_codes_count_towards_the_limit(victims, settings):
    settings.APPOINTMENT_LOOKUP_FAILURES_PER_IP_HOUR = 3
    browser = Client()
    for code in ("ZZZZZZZZ", "YYYYYYYY", "XXXXXXXX"):
        browser.post(reverse(LOOKUP), {"code": code, "phone_tail": "5678"})
    response = browser.post(reverse(LOOKUP), {"code": victims.code, "phone_tail": "5678"})
    assert response.status_code == 429


@pytest.mark.parametrize("name", ["booking", "cancel", "move", "ics"])
def test_pages_with_the_residents_data_are_not_stored(victims, client, name):
    response = client.get(reverse(f"appointments:{name}", args=[victims.code]))
    assert "no-store" in response.get("Cache-Control", "")


def test_the_done_page_is_not_stored(client, service, slot):
    response = client.post(book_url(service), form_data(slot), follow=True)
    assert "no-store" in response.get("Cache-Control", "")


def test_a_refused_booking_form_is_not_stored(client, service, slot):
    response = client.post(book_url(service), form_data(slot, name=""))
    assert "no-store" in response.get("Cache-Control", "")
