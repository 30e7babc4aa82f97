import datetime

import pytest
import time_machine
from django.utils import timezone

from tests.factories import NewsPageFactory
from townsquare.subscriptions.models import Delivery
from townsquare.subscriptions.sending import retry_due

from .factories import SubscriptionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def refused(town_a, smtp_server):
    """One publication whose message the server refused once (451)."""
    SubscriptionFactory(unit=town_a.unit)
    smtp_server.reject_next(1)
    NewsPageFactory(parent=town_a.section("news"))
    return Delivery.objects.get()


def test_a_refused_message_is_logged_as_failed(refused):
    assert refused.status == Delivery.Status.FAILED


def test_the_failure_keeps_the_servers_answer(refused):
    assert "451" in refused.last_error


def test_a_failed_message_waits_before_the_retry(refused, smtp_server):
    retry_due()
    assert smtp_server.wait_for(1, timeout=0.5) == []


def test_the_retry_delivers_it(refused, smtp_server):
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=6), tick=False):
        retry_due()
    assert len(smtp_server.wait_for(1)) == 1


def test_a_retried_message_is_logged_sent_after_two_attempts(refused, smtp_server):
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=6), tick=False):
        retry_due()
    refused.refresh_from_db()
    assert (refused.status, refused.attempts) == (Delivery.Status.SENT, 2)


def test_a_sent_message_is_not_sent_again(town_a, smtp_server, settings):
    SubscriptionFactory(unit=town_a.unit)
    NewsPageFactory(parent=town_a.section("news"))
    smtp_server.wait_for(1)
    with time_machine.travel(timezone.now() + datetime.timedelta(days=1), tick=False):
        retry_due()
    assert len(smtp_server.wait_for(2, timeout=0.5)) == 1


def test_gives_up_after_the_last_attempt(refused, smtp_server, settings):
    settings.SUBSCRIPTIONS_MAX_ATTEMPTS = 1
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=6), tick=False):
        retry_due()
    assert smtp_server.wait_for(1, timeout=0.5) == []


def test_a_stopped_server_is_a_failure_too(town_a, smtp_server):
    SubscriptionFactory(unit=town_a.unit)
    smtp_server.stop()
    NewsPageFactory(parent=town_a.section("news"))
    assert Delivery.objects.get().status == Delivery.Status.FAILED
