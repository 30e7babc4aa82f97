import re

import pytest
from django.urls import reverse

from tests.factories import NewsPageFactory
from townsquare.subscriptions.models import Frequency, Kind, Subscription

pytestmark = pytest.mark.django_db

LINK = re.compile(r"https?://\S+/dingyue/queren/\S+/")


def subscribe(client, town, email="laowang@example.com", kind=Kind.UNIT):
    return client.post(
        reverse("subscriptions:subscribe"),
        {
            "email": email,
            "kind": kind,
            "unit": town.unit.pk,
            "frequency": Frequency.IMMEDIATE,
            "submission_key": "k" * 24,
        },
    )


def confirm_link(message):
    return LINK.search(message.get_content()).group(0)


def test_subscribing_sends_a_confirmation_link(client, town_a, smtp_server):
    subscribe(client, town_a)
    [message] = smtp_server.wait_for(1)
    assert LINK.search(message.get_content())


def test_confirmation_goes_to_the_address_only(client, town_a, smtp_server):
    subscribe(client, town_a, email="LaoWang@Example.com ")
    [message] = smtp_server.wait_for(1)
    assert message.envelope_to == ["laowang@example.com"]


def test_the_same_form_sent_twice_sends_one_confirmation(client, town_a, smtp_server):
    subscribe(client, town_a)
    subscribe(client, town_a)
    assert len(smtp_server.wait_for(2, timeout=1)) == 1


def test_nothing_is_sent_before_confirming(client, town_a, smtp_server):
    subscribe(client, town_a)
    smtp_server.wait_for(1)
    NewsPageFactory(parent=town_a.section("news"))
    assert len(smtp_server.wait_for(2, timeout=1)) == 1


def test_opening_the_link_alone_does_not_confirm(client, town_a, smtp_server):
    subscribe(client, town_a)
    client.get(confirm_link(smtp_server.wait_for(1)[0]))
    assert Subscription.objects.get().confirmed_at is None


def test_confirming_starts_the_subscription(client, town_a, smtp_server):
    subscribe(client, town_a)
    client.post(confirm_link(smtp_server.wait_for(1)[0]))
    assert Subscription.objects.get().confirmed_at is not None


def test_after_confirming_a_publication_arrives(client, town_a, smtp_server):
    subscribe(client, town_a)
    client.post(confirm_link(smtp_server.wait_for(1)[0]))
    NewsPageFactory(parent=town_a.section("news"), title="青禾镇召开秋收动员会")
    messages = smtp_server.wait_for(2)
    assert messages[1]["Subject"].strip() == "青禾镇召开秋收动员会"
