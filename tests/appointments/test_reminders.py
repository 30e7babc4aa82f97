"""Reminders on the working day before: e-mail where given, a notification record otherwise; never twice."""

from datetime import date, datetime, time

import pytest
from django.core import mail

from townsquare.appointments import booking as booking_rules
from townsquare.appointments.models import Notification
from townsquare.appointments.reminders import send_reminders
from townsquare.core.scheduling import JOBS, run_job

from .conftest import SHANGHAI, at, slot_at

pytestmark = pytest.mark.django_db


def test_reminded_on_the_working_day_before_once(service):
    wednesday = booking_rules.book(
        slot_at(service, date(2026, 12, 2), time(9)), "张三丰", "13812345678", "z@example.com"
    )
    thursday = booking_rules.book(slot_at(service, date(2026, 12, 3), time(9)), "李四", "13812345679")
    # Tuesday: Wednesday's appointment is reminded by e-mail, Thursday's not yet.
    assert send_reminders(today=date(2026, 12, 1)) == 1
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["z@example.com"] and "预约提醒" in message.subject
    assert wednesday.display_code in message.body and "户籍窗口" in message.body
    # Again the same day: nobody twice.
    assert send_reminders(today=date(2026, 12, 1)) == 0
    assert len(mail.outbox) == 1
    # Wednesday: Thursday's, with no e-mail, becomes a record for the window to phone.
    assert send_reminders(today=date(2026, 12, 2)) == 1
    record = Notification.objects.get(booking=thursday)
    assert record.channel == Notification.Channel.RECORD and record.sent_at is None
    assert len(mail.outbox) == 1
    assert Notification.objects.get(booking=wednesday).sent_at is not None


def test_friday_reminds_monday_and_holidays_are_skipped(guide, window):
    from .conftest import make_service

    with at(datetime(2026, 9, 28, 8, tzinfo=SHANGHAI)):  # Monday before National Day 2026
        service = make_service(guide, window, days_ahead=20)
        after_holiday = booking_rules.book(slot_at(service, date(2026, 10, 9), time(9)), "王五", "13800000001")
        monday = booking_rules.book(slot_at(service, date(2026, 10, 12), time(9)), "赵六", "13800000002")
    # 2026: 10-01..10-07 off; 10-08 (Thursday) and 10-09 work; 10-10 (Saturday) is a make-up working day.
    assert send_reminders(today=date(2026, 10, 3)) == 0  # a day off: nothing goes out
    sent_on = {}
    for day in [date(2026, 9, d) for d in range(28, 31)] + [date(2026, 10, d) for d in range(1, 13)]:
        send_reminders(today=day)
        for booking_id in Notification.objects.values_list("booking_id", flat=True):
            sent_on.setdefault(booking_id, day)
    assert sent_on[after_holiday.pk] == date(2026, 10, 8)  # not on 09-30, before the holiday
    assert sent_on[monday.pk] == date(2026, 10, 10)  # the Saturday that is a working day
    assert Notification.objects.count() == 2


def test_cancelled_bookings_are_not_reminded_and_moved_ones_again(service):
    cancelled = booking_rules.book(slot_at(service, date(2026, 12, 2), time(9)), "甲", "13800000001")
    booking_rules.cancel(cancelled)
    moved = booking_rules.book(slot_at(service, date(2026, 12, 2), time(10)), "乙", "13800000002", "b@example.com")
    assert send_reminders(today=date(2026, 12, 1)) == 1
    booking_rules.move(moved, slot_at(service, date(2026, 12, 3), time(10)))
    assert send_reminders(today=date(2026, 12, 2)) == 1
    assert [m.to for m in mail.outbox] == [["b@example.com"], ["b@example.com"]]
    assert "2026年12月03日" in mail.outbox[1].subject and "2026年12月03日" in mail.outbox[1].body


def test_a_failed_email_is_retried_but_never_sent_twice(service, monkeypatch):
    booking_rules.book(slot_at(service, date(2026, 12, 2), time(9)), "甲", "13800000001", "a@example.com")
    calls = []

    def broken(*args, **kwargs):
        calls.append(args)
        raise ConnectionRefusedError("mail server down")

    monkeypatch.setattr("townsquare.appointments.reminders.send_mail", broken)
    send_reminders(today=date(2026, 12, 1))
    notification = Notification.objects.get()
    assert notification.sent_at is None and "mail server down" in notification.error
    monkeypatch.undo()
    send_reminders(today=date(2026, 12, 1))
    send_reminders(today=date(2026, 12, 1))
    assert len(mail.outbox) == 1 and Notification.objects.get().sent_at is not None


def test_the_scheduled_jobs_are_registered_and_run(service):
    booking_rules.book(slot_at(service, date(2026, 12, 2), time(9)), "甲", "13800000001", "a@example.com")
    assert {"appointment_slots", "appointment_reminders"} <= set(JOBS)
    with at(datetime(2026, 12, 1, 10, tzinfo=SHANGHAI)):
        assert run_job(JOBS["appointment_reminders"])
        assert run_job(JOBS["appointment_slots"])
    assert len(mail.outbox) == 1
