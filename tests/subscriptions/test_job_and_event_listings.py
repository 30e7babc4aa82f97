"""Approved jobs and 文旅活动 reach those who follow that kind, for their town or the whole county."""

import pytest

from tests.listings import factories as listings
from townsquare.listings.models import Status
from townsquare.subscriptions.models import DigestItem, Frequency, Kind

from .factories import SubscriptionFactory

pytestmark = pytest.mark.django_db


def test_an_approved_job_reaches_a_county_wide_subscriber(town_a, smtp_server):
    SubscriptionFactory(kind=Kind.JOBS, unit=None)
    listings.job(town=town_a.unit, title="青禾超市招收银员")
    assert "青禾超市招收银员" in smtp_server.wait_for(1)[0]["Subject"]


def test_a_job_in_another_town_does_not_reach_a_town_subscriber(town_a, town_b, smtp_server):
    SubscriptionFactory(kind=Kind.JOBS, unit=town_b.unit)
    listings.job(town=town_a.unit)
    assert smtp_server.wait_for(1, timeout=0.5) == []


def test_a_job_waiting_for_moderation_is_not_sent(town_a, smtp_server):
    SubscriptionFactory(kind=Kind.JOBS, unit=None)
    listings.job(town=town_a.unit, status=Status.PENDING)
    assert smtp_server.wait_for(1, timeout=0.5) == []


def test_an_event_goes_to_a_weekly_digest(town_a, smtp_server):
    SubscriptionFactory(kind=Kind.EVENTS, unit=town_a.unit, frequency=Frequency.WEEKLY)
    listings.event(town=town_a.unit, title="青禾镇桂花节")
    assert list(DigestItem.objects.values_list("title", flat=True)) == ["【文旅活动】青禾镇桂花节"]


def test_saving_an_event_again_sends_nothing_more(town_a, smtp_server):
    SubscriptionFactory(kind=Kind.EVENTS, unit=None)
    event = listings.event(town=town_a.unit)
    event.save()
    assert len(smtp_server.wait_for(2, timeout=0.5)) == 1


def test_the_form_takes_a_county_wide_job_subscription(client, smtp_server):
    data = {"email": "zhaogongzuo@example.com", "kind": Kind.JOBS, "frequency": Frequency.DAILY}
    response = client.post("/dingyue/", data)
    assert response.status_code == 302
