import datetime

import pytest
from django.utils import timezone

from townsquare.subscriptions.jobs import subscriptions_cleanup
from townsquare.subscriptions.models import Subscriber, Subscription

from .factories import SubscriberFactory, SubscriptionFactory

pytestmark = pytest.mark.django_db


def test_an_unconfirmed_subscription_expires(town_a, settings):
    old = timezone.now() - datetime.timedelta(days=settings.SUBSCRIPTIONS_CONFIRM_DAYS + 1)
    SubscriptionFactory(unit=town_a.unit, confirmed_at=None, created_at=old)
    subscriptions_cleanup()
    assert not Subscription.objects.exists()


def test_a_never_confirmed_address_is_deleted(settings):
    old = timezone.now() - datetime.timedelta(days=settings.SUBSCRIPTIONS_CONFIRM_DAYS + 1)
    SubscriberFactory(confirmed_at=None, created_at=old)
    subscriptions_cleanup()
    assert not Subscriber.objects.exists()


def test_a_recent_request_waits_for_its_confirmation(town_a):
    SubscriptionFactory(unit=town_a.unit, confirmed_at=None)
    subscriptions_cleanup()
    assert Subscription.objects.exists()
