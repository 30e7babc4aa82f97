"""The resident's pages: pick a day and a slot, book, see the code, calendar file, look up, cancel, move.
Chinese field errors with nothing typed lost, honeypot, masking, rate limits, bounded queries."""

import re
from datetime import date, time

import pytest
from django.urls import reverse
from icalendar import Calendar

from townsquare.appointments import booking as booking_rules
from townsquare.appointments.models import Booking, Slot

from .conftest import slot_at

pytestmark = pytest.mark.django_db

PHONE = "13812345678"
DAY = date(2026, 12, 2)


def book_url(service, day=None):
    url = reverse("appointments:book", args=[service.pk])
    return f"{url}?day={day.isoformat()}" if day else url


def form_data(the_slot, **overrides):
    data = {
        "day": the_slot.day.isoformat(),
        "slot": str(the_slot.pk),
        "name": "张三丰",
        "phone": "138 1234 5678",
        "email": "zsf@example.com",
        "homepage": "",
        "submission_key": "a" * 24,
    }
    data.update(overrides)
    return data


def booked(client, slot, **overrides):
    response = client.post(book_url(slot.service), form_data(slot, **overrides))
    assert response.status_code == 302, response.content.decode()[:2000]
    return Booking.objects.get(code=response["Location"].split("/")[-2])


def test_the_guide_page_gets_a_booking_button(service, guide):
    assert guide.booking_url == reverse("appointments:book", args=[service.pk])
    service.active = False
    service.save()
    assert guide.booking_url == ""


def test_days_page_lists_only_bookable_days(client, service, django_assert_max_num_queries):
    booking_rules.book(slot_at(service, DAY, time(9)), "甲", "13800000001")
    with django_assert_max_num_queries(8):
        response = client.get(book_url(service))
    html = response.content.decode()
    assert response.status_code == 200
    days = re.findall(r'href="\?day=(\d{4}-\d{2}-\d{2})', html)
    assert days[0] == "2026-12-01" and "2026-12-05" not in days and "2026-12-06" not in days
    assert "2026-12-07" in days
    assert "余21个名额" in html  # 22 places on 12-02, one taken
    assert "居民身份证换领" in html and "周一至周五 09:00-11:30 14:00-17:00" in html


def test_a_day_shows_its_slots_with_places_left(client, service, django_assert_max_num_queries):
    full = slot_at(service, DAY, time(9, 30))
    booking_rules.book(full, "甲", "13800000001")
    booking_rules.book(full, "乙", "13800000002")
    with django_assert_max_num_queries(8):
        response = client.get(book_url(service, DAY))
    html = response.content.decode()
    assert "09:00-09:30" in html and "余2个" in html
    assert "09:30-10:00" not in html  # full slots are not offered


def test_booking_shows_the_code_masked_details_and_a_calendar(client, service, slot):
    booking = booked(client, slot)
    assert (booking.name, booking.phone, booking.email) == ("张三丰", PHONE, "zsf@example.com")
    response = client.get(reverse("appointments:booking", args=[booking.code]) + "?new=1")
    html = response.content.decode()
    assert "预约成功" in html and booking.display_code in html
    assert PHONE not in html and "138****5678" in html and "张**" in html and "张三丰" not in html
    assert "zsf@example.com" not in html and "z***@example.com" in html
    assert Slot.objects.get(pk=slot.pk).booked == 1

    ics = client.get(reverse("appointments:ics", args=[booking.code]))
    assert ics["Content-Type"].startswith("text/calendar")
    event = Calendar.from_ical(ics.content).walk("VEVENT")[0]
    assert event.decoded("dtstart").isoformat() == "2026-12-02T09:00:00+08:00"
    assert event.decoded("dtend").isoformat() == "2026-12-02T09:30:00+08:00"
    assert str(event["summary"]) == "办事预约：居民身份证换领"
    assert booking.display_code in str(event["description"])
    assert str(event["uid"]).startswith(f"booking-{booking.code}@")
    raw = ics.content.decode()
    assert PHONE not in raw and "张三丰" not in raw and "5678" not in raw


def test_resent_form_books_once(client, service, slot):
    first = booked(client, slot)
    again = client.post(book_url(service), form_data(slot))
    assert again.status_code == 302 and first.code in again["Location"]
    assert Booking.objects.count() == 1


def test_errors_are_in_chinese_next_to_fields_and_nothing_typed_is_lost(client, service, slot):
    response = client.post(book_url(service), form_data(slot, phone="12345", email="not-an-email", name="  ", slot=""))
    html = response.content.decode()
    assert response.status_code == 400
    assert "手机号要是11位数字" in html and "邮箱格式不对" in html and "请填写办事人的姓名" in html
    assert "请选一个时段" in html
    assert 'value="12345"' in html and 'value="not-an-email"' in html
    assert Booking.objects.count() == 0


def test_a_slot_taken_meanwhile_is_explained_and_the_form_kept(client, service, slot):
    booking_rules.book(slot, "甲", "13800000001")
    booking_rules.book(slot, "乙", "13800000002")
    response = client.post(book_url(service), form_data(slot))
    html = response.content.decode()
    assert response.status_code == 400  # not offered any more: an invalid choice
    assert "约满" in html and 'value="张三丰"' in html and 'value="138 1234 5678"' in html


def test_the_phone_limit_is_a_field_error(client, service, slot):
    booking_rules.book(slot_at(service, DAY, time(14)), "张三丰", PHONE)
    response = client.post(book_url(service), form_data(slot))
    assert response.status_code == 409
    html = response.content.decode()
    assert "每天最多预约这个事项1次" in html
    assert 'id="id_phone_error"' in html and 'value="138 1234 5678"' in html


def test_the_honeypot_books_nothing(client, service, slot):
    response = client.post(book_url(service), form_data(slot, homepage="http://spam.example"))
    assert response.status_code == 400 and Booking.objects.count() == 0
    assert 'value="张三丰"' in response.content.decode()


def test_a_day_without_places_or_a_made_up_day_is_no_500(client, service, slot):
    for day in ("2026-12-06", "not-a-day", "2030-01-01"):
        response = client.post(book_url(service), form_data(slot, day=day))
        assert response.status_code == 400
        assert "这一天已经约满或不能预约了" in response.content.decode()
    assert client.get(book_url(service) + "?day=garbage").status_code == 200
    assert client.get(reverse("appointments:book", args=[999999])).status_code == 404


def test_others_cannot_open_a_booking_without_the_phone_tail(client, service, slot):
    booking = booked(client, slot)
    stranger = client.__class__()
    url = reverse("appointments:booking", args=[booking.code])
    response = stranger.get(url)
    assert response.status_code == 302 and reverse("appointments:lookup") in response["Location"]
    assert stranger.get(reverse("appointments:ics", args=[booking.code])).status_code == 302
    assert stranger.post(reverse("appointments:cancel", args=[booking.code])).status_code == 302
    assert Booking.objects.get(pk=booking.pk).status == Booking.Status.BOOKED

    wrong = stranger.post(reverse("appointments:lookup"), {"code": booking.code, "phone_tail": "0000"})
    assert wrong.status_code == 400 and "不对" in wrong.content.decode()
    right = stranger.post(reverse("appointments:lookup"), {"code": booking.display_code.lower(), "phone_tail": "5678"})
    assert right.status_code == 302 and right["Location"] == url
    assert stranger.get(url).status_code == 200


def test_lookups_are_rate_limited(client, service, slot, settings):
    settings.APPOINTMENT_LOOKUP_FAILURES_PER_CODE_HOUR = 3
    booking = booked(client, slot)
    stranger = client.__class__()
    for _ in range(3):
        stranger.post(reverse("appointments:lookup"), {"code": booking.code, "phone_tail": "1111"})
    response = stranger.post(reverse("appointments:lookup"), {"code": booking.code, "phone_tail": "5678"})
    assert response.status_code == 429 and "次数太多" in response.content.decode()


def test_lookup_shows_upcoming_and_past_bookings_of_the_phone(client, service, slot, frozen):
    first = booked(client, slot)
    second = booked(client, slot_at(service, date(2026, 12, 3), time(10)), submission_key="b" * 24)
    booking_rules.cancel(Booking.objects.get(pk=second.pk))
    third = booked(client, slot_at(service, date(2026, 12, 4), time(10)), submission_key="c" * 24)
    frozen.move_to("2026-12-03 12:00:00+08:00")
    html = client.get(reverse("appointments:booking", args=[third.code])).content.decode()
    upcoming = html.split('id="upcoming-title"')[1] if 'id="upcoming-title"' in html else ""
    past = html.split('id="past-title"')[1]
    assert first.code not in upcoming and first.code in past and second.code in past


def test_cancel_from_the_page(client, service, slot):
    booking = booked(client, slot)
    confirm = client.get(reverse("appointments:cancel", args=[booking.code]))
    assert "确定要取消这个预约吗" in confirm.content.decode()
    response = client.post(reverse("appointments:cancel", args=[booking.code]), follow=True)
    assert "预约已取消" in response.content.decode()
    assert Booking.objects.get(pk=booking.pk).status == Booking.Status.CANCELLED
    assert Slot.objects.get(pk=slot.pk).booked == 0


def test_move_from_the_page(client, service, slot):
    booking = booked(client, slot)
    target = slot_at(service, date(2026, 12, 3), time(14))
    page = client.get(reverse("appointments:move", args=[booking.code]) + "?day=2026-12-03")
    assert "14:00-14:30" in page.content.decode()
    bad = client.post(reverse("appointments:move", args=[booking.code]), {"day": "2026-12-03", "slot": ""})
    assert bad.status_code == 400 and "请选一个时段" in bad.content.decode()
    response = client.post(
        reverse("appointments:move", args=[booking.code]), {"day": "2026-12-03", "slot": str(target.pk)}, follow=True
    )
    assert "改约成功" in response.content.decode()
    assert Booking.objects.get(pk=booking.pk).slot_id == target.pk
    assert (Slot.objects.get(pk=slot.pk).booked, Slot.objects.get(pk=target.pk).booked) == (0, 1)


def test_public_pages_have_bounded_queries(client, service, slot, django_assert_max_num_queries):
    booking = booked(client, slot)
    for day in (3, 4, 7, 8, 9):
        booking_rules.book(slot_at(service, date(2026, 12, day), time(14)), "张三丰", PHONE)
    with django_assert_max_num_queries(6):
        client.get(reverse("appointments:index"))
    with django_assert_max_num_queries(10):
        client.get(reverse("appointments:booking", args=[booking.code]))
    with django_assert_max_num_queries(10):
        client.get(reverse("appointments:move", args=[booking.code]) + "?day=2026-12-04")
    with django_assert_max_num_queries(3):
        client.get(reverse("appointments:lookup"))


def test_bookings_per_address_are_limited(client, service, settings):
    settings.APPOINTMENT_BOOKINGS_PER_IP_HOUR = 2
    for i, start in enumerate((time(9), time(9, 30))):
        booked(client, slot_at(service, DAY, start), phone=f"1380000000{i}", submission_key=f"{i}" * 24)
    response = client.post(
        book_url(service), form_data(slot_at(service, DAY, time(10)), phone="13800000009", submission_key="z" * 24)
    )
    assert response.status_code == 429 and "次数太多" in response.content.decode()
    assert Booking.objects.count() == 2
