import datetime

import pytest
import time_machine

from tests.factories import NewsPageFactory
from townsquare.subscriptions.digests import build
from townsquare.subscriptions.models import Frequency

from .factories import SubscriptionFactory

pytestmark = pytest.mark.django_db

SHANGHAI = datetime.timezone(datetime.timedelta(hours=8))
MORNING = datetime.datetime(2026, 10, 12, 8, 0, tzinfo=SHANGHAI)  # a Monday, after the digest hour


@pytest.fixture
def daily(town_a, smtp_server):
    follower = SubscriptionFactory(unit=town_a.unit, frequency=Frequency.DAILY).subscriber
    NewsPageFactory(parent=town_a.section("news"), title="青禾镇桂花节开幕")
    NewsPageFactory(parent=town_a.section("news"), title="青禾镇新建便民服务点")
    return follower


def test_nothing_is_sent_before_the_digest(daily, smtp_server):
    assert smtp_server.wait_for(1, timeout=0.5) == []


def test_the_digest_lists_every_new_item(daily, smtp_server):
    with time_machine.travel(MORNING, tick=False):
        build(Frequency.DAILY)
    [message] = smtp_server.wait_for(1)
    assert "青禾镇桂花节开幕" in message.get_content() and "青禾镇新建便民服务点" in message.get_content()


def test_the_digest_is_not_sent_before_its_hour(daily, smtp_server):
    with time_machine.travel(MORNING.replace(hour=5), tick=False):
        build(Frequency.DAILY)
    assert smtp_server.wait_for(1, timeout=0.5) == []


def test_a_second_run_the_same_day_sends_nothing(daily, town_a, smtp_server):
    with time_machine.travel(MORNING, tick=False):
        build(Frequency.DAILY)
        NewsPageFactory(parent=town_a.section("news"), title="晚到的消息")
        build(Frequency.DAILY)
    assert len(smtp_server.wait_for(2, timeout=0.5)) == 1


def test_the_next_digest_has_only_newer_items(daily, town_a, smtp_server):
    with time_machine.travel(MORNING, tick=False):
        build(Frequency.DAILY)
        NewsPageFactory(parent=town_a.section("news"), title="晚到的消息")
    with time_machine.travel(MORNING + datetime.timedelta(days=1), tick=False):
        build(Frequency.DAILY)
    assert "桂花节" not in smtp_server.wait_for(2)[1].get_content()


def test_a_weekly_digest_waits_for_its_weekday(town_a, smtp_server):
    SubscriptionFactory(unit=town_a.unit, frequency=Frequency.WEEKLY)
    NewsPageFactory(parent=town_a.section("news"))
    with time_machine.travel(MORNING + datetime.timedelta(days=2), tick=False):
        build(Frequency.WEEKLY)
    assert smtp_server.wait_for(1, timeout=0.5) == []


def test_a_weekly_digest_goes_out_on_its_weekday(town_a, smtp_server):
    SubscriptionFactory(unit=town_a.unit, frequency=Frequency.WEEKLY)
    NewsPageFactory(parent=town_a.section("news"))
    with time_machine.travel(MORNING, tick=False):
        build(Frequency.WEEKLY)
    assert len(smtp_server.wait_for(1)) == 1
