import pytest

from tests.factories import NewsPageFactory
from townsquare.subscriptions.models import Subscription

from .factories import SubscriptionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def unsubscribe_url(town_a, smtp_server):
    SubscriptionFactory(unit=town_a.unit)
    NewsPageFactory(parent=town_a.section("news"))
    [message] = smtp_server.wait_for(1)
    return message["List-Unsubscribe"].strip().strip("<>").split(">")[0]


def test_one_click_post_unsubscribes(client, unsubscribe_url):
    client.post(unsubscribe_url, {"List-Unsubscribe": "One-Click"})
    assert not Subscription.objects.exists()


def test_one_click_post_needs_no_csrf_token(unsubscribe_url):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(unsubscribe_url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200


def test_opening_the_link_only_asks(client, unsubscribe_url):
    client.get(unsubscribe_url)
    assert Subscription.objects.exists()


def test_a_forged_link_is_not_found(client, unsubscribe_url):
    response = client.post(unsubscribe_url.rstrip("/") + "x/")
    assert response.status_code == 404


def test_after_unsubscribing_nothing_more_arrives(client, town_a, unsubscribe_url, smtp_server):
    client.post(unsubscribe_url, {"List-Unsubscribe": "One-Click"})
    NewsPageFactory(parent=town_a.section("news"))
    assert len(smtp_server.wait_for(2, timeout=0.5)) == 1
