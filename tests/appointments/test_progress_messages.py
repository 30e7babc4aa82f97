"""A booking is confirmed, moved, cancelled and reminded by SMS (and e-mail where given), once each."""

from datetime import date, time

import pytest

from townsquare.appointments import booking as booking_rules
from townsquare.appointments.reminders import send_reminders
from townsquare.core.models import Delivery
from townsquare.core.notify import send_due

from .conftest import slot_at

pytestmark = pytest.mark.django_db


def kinds():
    return sorted(Delivery.objects.values_list("kind", "channel"))


@pytest.fixture
def made(service):
    return booking_rules.book(slot_at(service, date(2026, 12, 2), time(9)), "张三丰", "13812345678")


def test_a_booking_is_confirmed_by_sms(made):
    assert kinds() == [("booking_made", "sms")]


def test_a_move_is_confirmed(made, service):
    booking_rules.move(made, slot_at(service, date(2026, 12, 3), time(9)))
    assert Delivery.objects.filter(kind="booking_moved").count() == 1


def test_a_cancellation_is_confirmed(made):
    booking_rules.cancel(made)
    assert Delivery.objects.filter(kind="booking_cancelled").count() == 1


def test_the_reminder_goes_by_sms_once(made):
    send_reminders(today=date(2026, 12, 1))
    send_reminders(today=date(2026, 12, 1))
    assert Delivery.objects.filter(kind="booking_reminder", channel="sms").count() == 1


def test_the_reminder_sms_holds_the_code_and_no_name(made, aliyun_sms):
    send_reminders(today=date(2026, 12, 1))
    send_due()
    reminder = aliyun_sms.sent[-1]["params"]
    assert reminder["number"] == made.display_code and "张三丰" not in "".join(reminder.values())
