"""The demo's 邮件订阅: subscriptions of several kinds, one address still to confirm, and a delivery log."""

import pytest

from townsquare.subscriptions.models import Delivery, Subscriber, Subscription

pytestmark = pytest.mark.usefixtures("demo", "db")


def test_the_demo_has_subscriptions_of_several_kinds():
    assert set(Subscription.objects.values_list("kind", flat=True)) == {
        "unit",
        "column",
        "topic",
        "utilities",
        "traffic",
        "weather",
    }


def test_one_demo_address_waits_for_confirmation():
    assert Subscriber.objects.filter(confirmed_at=None).count() == 1


def test_the_demo_log_has_a_message_that_went_out_on_the_retry():
    assert Delivery.objects.filter(status=Delivery.Status.SENT, attempts=2).count() == 1


def test_the_demo_log_has_a_failed_message_waiting_for_its_retry():
    assert Delivery.objects.filter(status=Delivery.Status.FAILED).exclude(last_error="").count() == 1


def test_every_demo_address_is_fictional():
    assert all(email.endswith("@example.com") for email in Subscriber.objects.values_list("email", flat=True))
