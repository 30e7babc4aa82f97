"""Reminders to the handling unit before the statutory deadlines pass."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from townsquare.disclosure_requests import handling
from townsquare.disclosure_requests.models import Reminder
from townsquare.disclosure_requests.reminders import send_reminders

from .factories import make_application

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(day, hour=10):
    return datetime.combine(day, time(hour), tzinfo=SHANGHAI)


@pytest.fixture
def staff_mail(town_a):
    town_a.editor.email = "qinghe@example.gov.cn"
    town_a.editor.save()


def test_the_unit_is_reminded_before_the_answer_is_due(town_a, staff_mail, mailoutbox):
    application = make_application(town_a.unit, received_at=at(date(2026, 3, 2)), now=at(date(2026, 3, 2)))
    send_reminders(now=at(date(2026, 3, 27)))  # due 03-30; within 3 working days
    assert Reminder.objects.get(application=application).kind == Reminder.Kind.DUE_SOON


def test_the_reminder_mail_goes_to_the_units_staff(town_a, staff_mail, mailoutbox):
    make_application(town_a.unit, received_at=at(date(2026, 3, 2)), now=at(date(2026, 3, 2)))
    send_reminders(now=at(date(2026, 3, 27)))
    assert mailoutbox[0].to == ["qinghe@example.gov.cn"]


def test_a_deadline_is_reminded_of_once(town_a, staff_mail):
    make_application(town_a.unit, received_at=at(date(2026, 3, 2)), now=at(date(2026, 3, 2)))
    send_reminders(now=at(date(2026, 3, 27)))
    assert send_reminders(now=at(date(2026, 3, 27), 11)) == 0


def test_the_correction_window_is_reminded_of(town_a, staff_mail):
    application = make_application(town_a.unit, received_at=at(date(2026, 3, 2)), now=at(date(2026, 3, 2)))
    send_reminders(now=at(date(2026, 3, 6)))  # 补正 window ends 03-11
    assert Reminder.objects.get(application=application).kind == Reminder.Kind.CORRECTION_DUE


def test_an_overdue_application_is_reminded_of(town_a, staff_mail):
    application = make_application(town_a.unit, received_at=at(date(2026, 3, 2)), now=at(date(2026, 3, 2)))
    send_reminders(now=at(date(2026, 4, 8)))
    assert Reminder.objects.get(application=application).kind == Reminder.Kind.OVERDUE


def test_no_reminder_while_a_third_party_is_consulted(town_a, staff_mail):
    application = make_application(town_a.unit, received_at=at(date(2026, 3, 2)), now=at(date(2026, 3, 2)))
    handling.consult(application, "甲公司", now=at(date(2026, 3, 20)))
    send_reminders(now=at(date(2026, 4, 8)))
    assert not Reminder.objects.exists()
