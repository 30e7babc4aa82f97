import pytest
from django.urls import reverse

from tests.factories import NewsPageFactory

from .factories import SubscriberFactory, SubscriptionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def logged(town_a, smtp_server):
    subscriber = SubscriberFactory(email="zhangsan@example.com")
    SubscriptionFactory(subscriber=subscriber, unit=town_a.unit)
    NewsPageFactory(parent=town_a.section("news"))
    smtp_server.wait_for(1)


def test_county_staff_see_the_log_with_masked_addresses(client, county, logged):
    client.force_login(county.county.editor)
    page = client.get(reverse("subscriptions_overview")).content.decode()
    assert "z***@example.com" in page and "zhangsan@example.com" not in page


def test_town_staff_may_not_open_it(client, town_a, logged):
    client.force_login(town_a.editor)
    assert client.get(reverse("subscriptions_overview")).status_code == 302  # Wagtail: back to the dashboard


def test_wechat_subscribers_are_shown_without_their_openid(client, county, county_wechat, fake_wechat):
    from .factories import WechatSubscriberFactory

    subscriber = WechatSubscriberFactory(wechat=county_wechat)
    SubscriptionFactory(subscriber=subscriber, unit=county.town_a.unit)
    NewsPageFactory(parent=county.town_a.section("news"))
    client.force_login(county.county.editor)
    page = client.get(reverse("subscriptions_overview")).content.decode()
    assert "微信" in page and subscriber.openid not in page
