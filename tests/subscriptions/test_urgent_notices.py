import pytest

from tests.factories import NoticePageFactory
from townsquare.publishing.models import NoticePage
from townsquare.subscriptions.models import Frequency, Kind

from .factories import SubscriptionFactory

pytestmark = pytest.mark.django_db


def water_notice(place, **kwargs):
    return NoticePageFactory(parent=place.section("notice"), disruption=NoticePage.Disruption.WATER, **kwargs)


def test_a_water_cut_reaches_a_weekly_subscriber_of_the_town_at_once(town_a, smtp_server):
    follower = SubscriptionFactory(kind=Kind.UTILITIES, unit=town_a.unit, frequency=Frequency.WEEKLY).subscriber
    water_notice(town_a)
    [message] = smtp_server.wait_for(1)
    assert message.envelope_to == [follower.email]


def test_a_water_cut_is_marked_in_the_subject(town_a, smtp_server):
    SubscriptionFactory(kind=Kind.UTILITIES, unit=town_a.unit, frequency=Frequency.DAILY)
    water_notice(town_a, title="东街周三停水")
    [message] = smtp_server.wait_for(1)
    assert message["Subject"].strip() == "【停水】东街周三停水"


def test_a_water_cut_does_not_reach_another_town(town_a, town_b, smtp_server):
    SubscriptionFactory(kind=Kind.UTILITIES, unit=town_b.unit)
    water_notice(town_a)
    assert smtp_server.wait_for(1, timeout=0.5) == []


def test_a_county_notice_reaches_the_towns_it_names(county, town_b, smtp_server):
    SubscriptionFactory(kind=Kind.UTILITIES, unit=town_b.unit, frequency=Frequency.WEEKLY)
    water_notice(county.county, disruption_towns=[town_b.unit])
    assert len(smtp_server.wait_for(1)) == 1


def test_a_road_closure_reaches_traffic_subscribers(town_a, smtp_server):
    SubscriptionFactory(kind=Kind.TRAFFIC, unit=town_a.unit, frequency=Frequency.WEEKLY)
    NoticePageFactory(parent=town_a.section("notice"), disruption=NoticePage.Disruption.ROAD)
    assert len(smtp_server.wait_for(1)) == 1


def test_a_unit_follower_with_a_weekly_digest_gets_the_water_cut_at_once(town_a, smtp_server):
    SubscriptionFactory(kind=Kind.UNIT, unit=town_a.unit, frequency=Frequency.WEEKLY)
    water_notice(town_a)
    assert len(smtp_server.wait_for(1)) == 1
