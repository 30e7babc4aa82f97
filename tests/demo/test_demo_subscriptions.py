"""The demo's 订阅: subscriptions of several kinds, one address still to confirm, WeChat subscribers (marked demo),
and a delivery log."""

import pytest

from townsquare.subscriptions.models import Delivery, Subscriber, Subscription

pytestmark = pytest.mark.usefixtures("demo", "db")


def test_the_demo_has_subscriptions_of_several_kinds():
    assert set(Subscription.objects.values_list("kind", flat=True)) == {
        "unit",
        "column",
        "topic",
        "utilities",
        "traffic",
        "weather",
    }


def test_one_demo_address_waits_for_confirmation():
    assert Subscriber.objects.filter(confirmed_at=None).count() == 1


def test_the_demo_log_has_a_message_that_went_out_on_the_retry():
    assert Delivery.objects.filter(status=Delivery.Status.SENT, attempts=2).count() == 1


def test_the_demo_log_has_a_failed_message_waiting_for_its_retry():
    assert Delivery.objects.filter(status=Delivery.Status.FAILED, next_attempt_at__isnull=False).count() == 1


def test_every_demo_address_is_fictional():
    emails = Subscriber.objects.filter(openid="").values_list("email", flat=True)
    assert all(email.endswith("@example.com") for email in emails)


def test_the_demo_has_wechat_subscribers_marked_demo():
    assert set(Subscriber.objects.exclude(openid="").values_list("is_demo", flat=True)) == {True}


def test_the_demo_wechat_log_has_messages_sent():
    assert Delivery.objects.filter(subscriber__is_demo=True, status=Delivery.Status.SENT).count() >= 3


def test_a_demo_wechat_subscriber_who_left_the_account_is_unreachable():
    assert Subscriber.objects.filter(is_demo=True, unreachable_at__isnull=False).count() == 1


def test_the_demo_plays_wechats_authorisation_in_any_browser(client):
    response = client.get("/dingyue/weixin/?kind=weather", follow=True)
    assert response.redirect_chain[-1][0] == "/dingyue/weixin/tianxie/?kind=weather"


def test_the_demo_subscribe_page_offers_wechat(client):
    assert "用微信订阅" in client.get("/dingyue/").content.decode()
