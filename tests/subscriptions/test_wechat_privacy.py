"""No page, link or API answer shows a WeChat subscriber's openid."""

import datetime
from urllib.parse import urlsplit

import pytest
import time_machine

from tests.factories import NewsPageFactory
from townsquare.subscriptions import tokens
from townsquare.subscriptions.digests import build
from townsquare.subscriptions.models import Digest, Frequency

from .conftest import WECHAT_BROWSER
from .factories import SubscriptionFactory, WechatSubscriberFactory

pytestmark = pytest.mark.django_db
MORNING = datetime.datetime(2026, 10, 12, 8, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=8)))


@pytest.fixture
def subscriber(county_wechat, town_a):
    subscriber = WechatSubscriberFactory(wechat=county_wechat)
    SubscriptionFactory(subscriber=subscriber, unit=town_a.unit, frequency=Frequency.DAILY)
    return subscriber


def path_of(url):
    return urlsplit(url).path


def public_pages(client, subscriber, town_a):
    NewsPageFactory(parent=town_a.section("news"))
    with time_machine.travel(MORNING, tick=False):
        build(Frequency.DAILY)
    session = client.session
    session["subscriptions:wechat"] = [subscriber.pk]
    session.save()
    paths = [
        path_of(tokens.manage_url(subscriber)),
        path_of(tokens.unsubscribe_url(subscriber)),
        path_of(tokens.digest_url(Digest.objects.get(), subscriber.token_version)),
        "/dingyue/",
        "/dingyue/weixin/tianxie/",
        town_a.home.url,
        "/api/v1/pages/",
    ]
    return {path: client.get(path, **WECHAT_BROWSER) for path in paths}


def test_no_public_page_shows_the_openid(client, subscriber, town_a, fake_wechat):
    pages = public_pages(client, subscriber, town_a)
    assert [path for path, page in pages.items() if subscriber.openid.encode() in page.content] == []


def test_the_pages_open(client, subscriber, town_a, fake_wechat):
    pages = public_pages(client, subscriber, town_a)
    assert {path: page.status_code for path, page in pages.items()} == dict.fromkeys(pages, 200)


def test_no_message_link_carries_the_openid(subscriber, town_a, fake_wechat):
    NewsPageFactory(parent=town_a.section("news"))
    with time_machine.travel(MORNING, tick=False):
        build(Frequency.DAILY)
    assert subscriber.openid not in fake_wechat.templates()[0]["url"]
