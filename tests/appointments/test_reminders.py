"""Reminders on the working day before, through core.notify (e-mail, SMS, the Delivery log, opt-out);
a record for the window to phone when no message can go; never twice."""

from datetime import date, datetime, time, timedelta

import pytest
import time_machine
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone

from townsquare.appointments import booking as booking_rules
from townsquare.appointments.models import Notification
from townsquare.appointments.reminders import send_reminders
from townsquare.core.models import Delivery
from townsquare.core.notify import optout, send_due
from townsquare.core.scheduling import JOBS, run_job

from .conftest import SHANGHAI, at, slot_at

pytestmark = pytest.mark.django_db


def reminders():
    send_due()
    return [m for m in mail.outbox if m.subject.startswith("预约提醒")]


@pytest.fixture
def no_sms(settings):
    """No provider template for reminders: a booking without e-mail cannot be reached by a message."""
    settings.SMS_TEMPLATES = {"console": {}}


def test_reminded_on_the_working_day_before_by_email(service):
    wednesday = booking_rules.book(
        slot_at(service, date(2026, 12, 2), time(9)), "张三丰", "13812345678", "z@example.com"
    )
    booking_rules.book(slot_at(service, date(2026, 12, 3), time(9)), "李四", "13812345679", "l@example.com")
    send_reminders(today=date(2026, 12, 1))  # Tuesday: Wednesday's appointment, Thursday's not yet
    (message,) = reminders()
    assert message.to == ["z@example.com"] and wednesday.display_code in message.body


def test_the_reminder_email_says_where_and_what(service):
    booking_rules.book(slot_at(service, date(2026, 12, 2), time(9)), "张三丰", "13812345678", "z@example.com")
    send_reminders(today=date(2026, 12, 1))
    (message,) = reminders()
    assert "户籍窗口" in message.body and "2026年12月02日" in message.body


def test_the_reminder_email_holds_no_name(service):
    booking_rules.book(slot_at(service, date(2026, 12, 2), time(9)), "张三丰", "13812345678", "z@example.com")
    send_reminders(today=date(2026, 12, 1))
    (message,) = reminders()
    assert "张三丰" not in message.body


def test_a_second_run_the_same_day_reminds_nobody_again(service):
    booking_rules.book(slot_at(service, date(2026, 12, 2), time(9)), "张三丰", "13812345678", "z@example.com")
    send_reminders(today=date(2026, 12, 1))
    send_reminders(today=date(2026, 12, 1))
    assert len(reminders()) == 1


def test_a_second_run_counts_no_reminder(service):
    booking_rules.book(slot_at(service, date(2026, 12, 2), time(9)), "张三丰", "13812345678", "z@example.com")
    send_reminders(today=date(2026, 12, 1))
    assert send_reminders(today=date(2026, 12, 1)) == 0


def test_a_reminder_is_logged_per_channel(service):
    booking = booking_rules.book(slot_at(service, date(2026, 12, 2), time(9)), "张三丰", "13812345678", "z@example.com")
    send_reminders(today=date(2026, 12, 1))
    rows = Delivery.objects.filter(case_id=booking.pk, kind="booking_reminder")
    assert sorted(rows.values_list("channel", flat=True)) == ["email", "sms"]


def test_an_opted_out_email_gets_no_reminder(service):
    booking_rules.book(slot_at(service, date(2026, 12, 2), time(9)), "张三丰", "13812345678", "z@example.com")
    optout.opt_out("email", "z@example.com")
    send_reminders(today=date(2026, 12, 1))
    assert reminders() == []


def test_a_booking_no_message_can_reach_becomes_a_record_to_phone(service, no_sms):
    thursday = booking_rules.book(slot_at(service, date(2026, 12, 3), time(9)), "李四", "13812345679")
    assert send_reminders(today=date(2026, 12, 2)) == 1
    record = Notification.objects.get(booking=thursday)
    assert (record.channel, record.sent_at) == (Notification.Channel.RECORD, None)


def test_a_record_is_made_once(service, no_sms):
    booking_rules.book(slot_at(service, date(2026, 12, 3), time(9)), "李四", "13812345679")
    send_reminders(today=date(2026, 12, 2))
    send_reminders(today=date(2026, 12, 2))
    assert Notification.objects.count() == 1


def test_a_booking_reached_by_sms_needs_no_record(service):
    booking_rules.book(slot_at(service, date(2026, 12, 3), time(9)), "李四", "13812345679")
    send_reminders(today=date(2026, 12, 2))
    assert not Notification.objects.exists()


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
        for booking_id in Delivery.objects.filter(kind="booking_reminder").values_list("case_id", flat=True):
            sent_on.setdefault(booking_id, day)
    assert sent_on[after_holiday.pk] == date(2026, 10, 8)  # not on 09-30, before the holiday
    assert sent_on[monday.pk] == date(2026, 10, 10)  # the Saturday that is a working day
    assert Delivery.objects.filter(kind="booking_reminder").count() == 2


def test_cancelled_bookings_are_not_reminded_and_moved_ones_again(service):
    cancelled = booking_rules.book(slot_at(service, date(2026, 12, 2), time(9)), "甲", "13800000001")
    booking_rules.cancel(cancelled)
    moved = booking_rules.book(slot_at(service, date(2026, 12, 2), time(10)), "乙", "13800000002", "b@example.com")
    assert send_reminders(today=date(2026, 12, 1)) == 1
    booking_rules.move(moved, slot_at(service, date(2026, 12, 3), time(10)))
    assert send_reminders(today=date(2026, 12, 2)) == 1
    sent = reminders()
    assert [m.to for m in sent] == [["b@example.com"], ["b@example.com"]] and "2026年12月03日" in sent[1].body


def test_a_failed_email_is_retried_but_never_sent_twice(service, settings):
    booking_rules.book(slot_at(service, date(2026, 12, 2), time(9)), "甲", "13800000001", "a@example.com")
    settings.EMAIL_BACKEND = "tests.appointments.test_reminders.BrokenBackend"
    send_reminders(today=date(2026, 12, 1))
    send_due()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    with time_machine.travel(timezone.now() + timedelta(hours=1)):
        send_reminders(today=date(2026, 12, 1))
        assert len(reminders()) == 1


class BrokenBackend(BaseEmailBackend):
    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server down")


def test_the_scheduled_jobs_are_registered_and_run(service):
    booking_rules.book(slot_at(service, date(2026, 12, 2), time(9)), "甲", "13800000001", "a@example.com")
    assert {"appointment_slots", "appointment_reminders"} <= set(JOBS)
    with at(datetime(2026, 12, 1, 10, tzinfo=SHANGHAI)):
        assert run_job(JOBS["appointment_reminders"])
        assert run_job(JOBS["appointment_slots"])
        assert len(reminders()) == 1
