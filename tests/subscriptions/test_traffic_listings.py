import pytest

from tests.listings import factories as listings
from townsquare.listings.models import Status, TrafficNotice
from townsquare.subscriptions.models import DigestItem, Frequency, Kind

from .factories import SubscriptionFactory

pytestmark = pytest.mark.django_db


def test_an_approved_road_closure_reaches_a_weekly_subscriber_at_once(town_a, smtp_server):
    SubscriptionFactory(kind=Kind.TRAFFIC, unit=town_a.unit, frequency=Frequency.WEEKLY)
    listings.traffic(town=town_a.unit)
    assert smtp_server.wait_for(1)[0]["Subject"].strip().startswith("【封路】")


def test_a_closure_waiting_for_moderation_is_not_sent(town_a, smtp_server):
    SubscriptionFactory(kind=Kind.TRAFFIC, unit=town_a.unit)
    listings.traffic(town=town_a.unit, status=Status.PENDING)
    assert smtp_server.wait_for(1, timeout=0.5) == []


def test_a_detour_waits_for_the_digest(town_a, smtp_server):
    SubscriptionFactory(kind=Kind.TRAFFIC, unit=town_a.unit, frequency=Frequency.WEEKLY)
    listings.traffic(town=town_a.unit, notice_kind=TrafficNotice.Kind.DETOUR)
    assert DigestItem.objects.count() == 1


def test_saving_a_closure_again_sends_nothing_more(town_a, smtp_server):
    SubscriptionFactory(kind=Kind.TRAFFIC, unit=town_a.unit)
    notice = listings.traffic(town=town_a.unit)
    notice.save()
    assert len(smtp_server.wait_for(2, timeout=0.5)) == 1
