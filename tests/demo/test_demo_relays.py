"""The demo's 同步到公众号 and webhooks: a demo 公众号 that calls nothing, its history, a webhook with a log."""

import pytest
from django.urls import reverse

from townsquare.channels.models import Channel
from townsquare.demo.relays import DEMO_CHANNEL_ACCOUNT
from townsquare.relays.models import WebhookDelivery, WechatAccount, WechatPublication
from townsquare.relays.wechat.sync import run

pytestmark = pytest.mark.usefixtures("demo", "db")


def county_wechat():
    return Channel.objects.get(kind=Channel.Kind.WECHAT, account_id=DEMO_CHANNEL_ACCOUNT)


def test_the_county_account_is_connected_as_a_demo():
    assert WechatAccount.objects.get(channel=county_wechat()).is_demo is True


def test_the_history_shows_published_articles_and_one_failure():
    statuses = sorted(WechatPublication.objects.filter(channel=county_wechat()).values_list("status", flat=True))

    assert statuses == ["failed", "published", "published", "published"]


def test_every_demo_article_link_says_it_is_not_real():
    urls = WechatPublication.objects.exclude(article_url="").values_list("article_url", flat=True)

    assert all("demo-not-real" in url for url in urls)


def test_retrying_in_the_demo_calls_nothing_and_says_why(settings):
    settings.WECHAT_API_BASE = "http://127.0.0.1:9"  # would refuse: the demo account must not get that far
    pk = WechatPublication.objects.get(status="failed").pk
    WechatPublication.objects.filter(pk=pk).update(status=WechatPublication.Status.QUEUED)
    publication = run(WechatPublication.objects.get(pk=pk))

    assert publication.last_error == "演示账号，不连接真实公众号。"


def test_the_webhook_log_has_a_delivery_that_failed():
    assert set(WebhookDelivery.objects.values_list("status", flat=True)) == {"delivered", "failed"}


def test_the_admin_marks_the_demo_account(admin_client):
    html = admin_client.get(reverse("relays_channel", args=[county_wechat().pk])).content.decode()

    assert "演示账号" in html and "演示链接" in html


def test_a_synced_demo_article_says_so_without_a_link_to_a_made_up_article(client):
    publication = WechatPublication.objects.filter(status="published").select_related("page").first()

    html = client.get(publication.page.url).content.decode()
    assert "本文同步发布于微信公众号“示范县发布”。" in html and "demo-not-real" not in html
