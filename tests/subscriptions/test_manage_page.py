import pytest

from townsquare.subscriptions import tokens
from townsquare.subscriptions.models import Frequency, Kind, Subscription

from .factories import SubscriptionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def subscription(town_a):
    return SubscriptionFactory(kind=Kind.UTILITIES, unit=town_a.unit, frequency=Frequency.IMMEDIATE)


def manage_path(subscriber):
    return tokens.manage_url(subscriber).split("://", 1)[1].split("/", 1)[1].join(["/", ""])


def test_the_page_lists_the_subscriptions(client, subscription):
    page = client.get(manage_path(subscription.subscriber)).content.decode()
    assert "青禾镇 · 停水停电停气" in page


def test_the_page_does_not_show_the_full_address(client, subscription):
    page = client.get(manage_path(subscription.subscriber)).content.decode()
    assert subscription.subscriber.email not in page


def test_the_frequency_can_be_changed(client, subscription):
    client.post(manage_path(subscription.subscriber), {f"frequency-{subscription.pk}": Frequency.WEEKLY})
    subscription.refresh_from_db()
    assert subscription.frequency == Frequency.WEEKLY


def test_one_subscription_can_be_removed(client, subscription):
    client.post(manage_path(subscription.subscriber), {f"remove-{subscription.pk}": "1"})
    assert not Subscription.objects.filter(pk=subscription.pk).exists()


def test_everything_can_be_unsubscribed(client, subscription, town_b):
    SubscriptionFactory(subscriber=subscription.subscriber, unit=town_b.unit)
    client.post(manage_path(subscription.subscriber), {"action": "all"})
    assert not Subscription.objects.exists()


def test_a_link_from_another_purpose_does_not_open_it(client, subscription):
    token = tokens.make(subscription.subscriber, tokens.UNSUBSCRIBE)
    assert client.get(f"/dingyue/guanli/{token}/").status_code == 404
