"""Messages to WeChat subscribers: template messages through the county's 公众号, at once or as a digest."""

import datetime
from urllib.parse import urlsplit

import pytest
import time_machine
from django.utils import timezone

from tests.factories import NewsPageFactory, NoticePageFactory
from townsquare.publishing.models import NoticePage
from townsquare.subscriptions.digests import build
from townsquare.subscriptions.models import Delivery, Frequency, Kind
from townsquare.subscriptions.sending import retry_due

from .factories import SubscriptionFactory, WechatSubscriberFactory

pytestmark = pytest.mark.django_db

SHANGHAI = datetime.timezone(datetime.timedelta(hours=8))
MORNING = datetime.datetime(2026, 10, 12, 8, 0, tzinfo=SHANGHAI)


def follower(channel, **kwargs):
    subscriber = WechatSubscriberFactory(wechat=channel)
    SubscriptionFactory(subscriber=subscriber, **kwargs)
    return subscriber


def water_notice(place, **kwargs):
    return NoticePageFactory(parent=place.section("notice"), disruption=NoticePage.Disruption.WATER, **kwargs)


def test_a_water_cut_reaches_the_towns_wechat_subscriber_at_once(county_wechat, fake_wechat, town_a):
    subscriber = follower(county_wechat, kind=Kind.UTILITIES, unit=town_a.unit, frequency=Frequency.WEEKLY)
    water_notice(town_a)
    assert [sent["touser"] for sent in fake_wechat.templates()] == [subscriber.openid]


def test_the_message_names_the_notice_and_its_unit(county_wechat, fake_wechat, town_a):
    follower(county_wechat, kind=Kind.UTILITIES, unit=town_a.unit)
    water_notice(town_a, title="东街周三停水")
    [sent] = fake_wechat.templates()
    assert (sent["data"]["thing1"]["value"], sent["data"]["thing2"]["value"]) == (
        "【停水】东街周三停水",
        town_a.unit.name,
    )


def test_the_message_uses_the_configured_template(county_wechat, fake_wechat, town_a):
    follower(county_wechat, kind=Kind.UTILITIES, unit=town_a.unit)
    water_notice(town_a)
    assert fake_wechat.templates()[0]["template_id"] == "tpl-xinxi-fabu"


def test_the_message_links_back_to_the_page(county_wechat, fake_wechat, town_a):
    follower(county_wechat, kind=Kind.UTILITIES, unit=town_a.unit)
    notice = water_notice(town_a)
    assert fake_wechat.templates()[0]["url"].endswith(notice.get_url())


def test_a_long_title_is_cut_to_what_the_template_takes(county_wechat, fake_wechat, town_a):
    follower(county_wechat, kind=Kind.UTILITIES, unit=town_a.unit)
    water_notice(town_a, title="青禾镇东街、西街、南街及周边小区因主管道维修周三全天停水")
    assert len(fake_wechat.templates()[0]["data"]["thing1"]["value"]) == 20


def test_the_message_carries_the_access_token(county_wechat, fake_wechat, town_a):
    follower(county_wechat, kind=Kind.UTILITIES, unit=town_a.unit)
    water_notice(town_a)
    [query] = [query for path, query, _ in fake_wechat.calls if path == "/cgi-bin/message/template/send"]
    assert query["access_token"] == "token-1"


def test_a_sent_message_is_logged(county_wechat, fake_wechat, town_a):
    follower(county_wechat, kind=Kind.UTILITIES, unit=town_a.unit)
    water_notice(town_a)
    assert Delivery.objects.get().status == Delivery.Status.SENT


def test_a_daily_follower_waits_for_the_digest(county_wechat, fake_wechat, town_a):
    follower(county_wechat, unit=town_a.unit, frequency=Frequency.DAILY)
    NewsPageFactory(parent=town_a.section("news"))
    assert fake_wechat.templates() == []


def test_the_digest_is_one_message_linking_to_its_page(county_wechat, fake_wechat, town_a, client):
    follower(county_wechat, unit=town_a.unit, frequency=Frequency.DAILY)
    NewsPageFactory(parent=town_a.section("news"), title="青禾镇桂花节开幕")
    NewsPageFactory(parent=town_a.section("news"), title="青禾镇新建便民服务点")
    with time_machine.travel(MORNING, tick=False):
        build(Frequency.DAILY)
    [sent] = fake_wechat.templates()
    page = client.get(urlsplit(sent["url"]).path).content.decode()
    assert "青禾镇桂花节开幕" in page and "青禾镇新建便民服务点" in page


def test_the_digest_message_counts_its_items(county_wechat, fake_wechat, town_a):
    follower(county_wechat, unit=town_a.unit, frequency=Frequency.DAILY)
    NewsPageFactory(parent=town_a.section("news"))
    NewsPageFactory(parent=town_a.section("news"))
    with time_machine.travel(MORNING, tick=False):
        build(Frequency.DAILY)
    assert fake_wechat.templates()[0]["data"]["thing1"]["value"] == "每日订阅汇总：2条新信息"


def test_a_busy_wechat_is_tried_again(county_wechat, fake_wechat, town_a):
    follower(county_wechat, kind=Kind.UTILITIES, unit=town_a.unit)
    fake_wechat.fail_next("/cgi-bin/message/template/send", -1)
    water_notice(town_a)
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=6), tick=False):
        retry_due()
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts) == (Delivery.Status.SENT, 2)


def test_email_and_wechat_subscribers_both_get_the_notice(county_wechat, fake_wechat, town_a, smtp_server):
    follower(county_wechat, kind=Kind.UTILITIES, unit=town_a.unit)
    SubscriptionFactory(kind=Kind.UTILITIES, unit=town_a.unit)
    water_notice(town_a)
    assert (len(smtp_server.wait_for(1)), len(fake_wechat.templates())) == (1, 1)


def test_the_demo_account_logs_without_calling_wechat(county_wechat, fake_wechat, town_a):
    from townsquare.relays.models import WechatAccount

    WechatAccount.objects.filter(channel=county_wechat).update(is_demo=True)
    follower(county_wechat, kind=Kind.UTILITIES, unit=town_a.unit)
    water_notice(town_a)
    assert (fake_wechat.templates(), Delivery.objects.get().last_error) == (
        [],
        "演示账号，不连接真实公众号，消息没有发出。",
    )
