"""The 公开年报 reminder: once, before the legal date, and never when the report is out."""

import datetime

import pytest
from django.core import mail
from django.test import override_settings

from townsquare.disclosure.annual.publishing import publish
from townsquare.disclosure.annual.reminders import due_on, send_reminders

from .factories import AnnualReportFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def mails_to(user):
    return [message for message in mail.outbox if user.email in message.to]


def test_a_town_is_due_on_31_january(town_a):
    assert due_on(town_a.unit, 2025) == D(2026, 1, 31)


def test_the_county_is_due_on_31_march(county):
    assert due_on(county.county.unit, 2025) == D(2026, 3, 31)


@override_settings(DISCLOSURE_REPORT_DEPARTMENT_DUE="02-15")
def test_the_due_date_is_a_setting(town_a):
    assert due_on(town_a.unit, 2025) == D(2026, 2, 15)


def test_staff_are_reminded_before_the_due_date(town_a):
    send_reminders(today=D(2026, 1, 25))
    assert len(mails_to(town_a.editor)) == 1


def test_staff_are_reminded_once(town_a):
    send_reminders(today=D(2026, 1, 25))
    send_reminders(today=D(2026, 1, 26))
    assert len(mails_to(town_a.editor)) == 1


def test_no_reminder_long_before_the_due_date(town_a):
    send_reminders(today=D(2026, 1, 2))
    assert mails_to(town_a.editor) == []


def test_no_reminder_after_the_due_date(town_a):
    send_reminders(today=D(2026, 2, 2))
    assert mails_to(town_a.editor) == []


def test_no_reminder_when_the_report_is_published(town_a):
    publish(AnnualReportFactory(unit=town_a.unit, year=2025), directly=True)
    send_reminders(today=D(2026, 1, 25))
    assert mails_to(town_a.editor) == []


def test_the_county_is_not_reminded_in_january(county):
    send_reminders(today=D(2026, 1, 25))
    assert mails_to(county.county.editor) == []
