"""A WeChat subscriber who no longer follows the account (43004) or refuses its messages (43101): no more tries."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from tests.factories import NoticePageFactory
from townsquare.publishing.models import NoticePage
from townsquare.subscriptions.models import Delivery, Kind
from townsquare.subscriptions.sending import retry_due

from .factories import SubscriptionFactory, WechatSubscriberFactory

pytestmark = pytest.mark.django_db


def water_notice(place):
    return NoticePageFactory(parent=place.section("notice"), disruption=NoticePage.Disruption.WATER)


@pytest.fixture(params=[43004, 43101])
def refusing(request, county_wechat, fake_wechat, town_a):
    """A subscriber of 青禾镇's 停水停电 whom WeChat refused to reach with this errcode."""
    subscriber = WechatSubscriberFactory(wechat=county_wechat)
    SubscriptionFactory(subscriber=subscriber, kind=Kind.UTILITIES, unit=town_a.unit)
    fake_wechat.refuse(subscriber.openid, request.param)
    water_notice(town_a)
    return subscriber


def test_the_delivery_is_logged_as_failed(refusing):
    assert Delivery.objects.get(subscriber=refusing).status == Delivery.Status.FAILED


def test_the_subscriber_is_marked_unreachable(refusing):
    refusing.refresh_from_db()
    assert refusing.unreachable_at is not None


def test_the_refusal_is_not_tried_again(refusing, fake_wechat):
    with time_machine.travel(timezone.now() + datetime.timedelta(days=1), tick=False):
        retry_due()
    assert len(fake_wechat.templates()) == 1


def test_the_next_notice_is_not_sent_to_them(refusing, fake_wechat, town_a):
    water_notice(town_a)
    assert len(fake_wechat.templates()) == 1


def test_the_log_says_why_in_chinese(refusing):
    assert "用户" in Delivery.objects.get(subscriber=refusing).last_error
