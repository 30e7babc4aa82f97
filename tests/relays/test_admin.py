"""The admin: connecting a 公众号 with a write-only secret, 测试连接, history with 重试, webhooks with their log."""

import pytest
from django.urls import reverse

from tests.channels.test_admin import denied, login
from townsquare.channels.models import Channel
from townsquare.relays.models import Webhook, WebhookDelivery, WechatAccount, WechatPublication

from .factories import WebhookFactory, synced_news
from .fake_wechat import APP_ID, APP_SECRET

pytestmark = pytest.mark.django_db


def page_of(channel):
    return reverse("relays_channel", args=[channel.pk])


@pytest.fixture
def unconnected(town_a):
    from tests.channels.factories import ChannelFactory

    return ChannelFactory(unit=town_a.unit, kind=Channel.Kind.WECHAT)


def test_the_head_connects_an_account_and_the_secret_is_stored_sealed(client, town_a, unconnected):
    login(client, town_a.head).post(page_of(unconnected), {"action": "connect", "app_id": APP_ID, "secret": APP_SECRET})

    account = WechatAccount.objects.get(channel=unconnected)
    assert (account.secret, APP_SECRET in account.secret_sealed) == (APP_SECRET, False)


def test_the_secret_is_never_shown_again(client, town_a, town_wechat):
    html = login(client, town_a.head).get(page_of(town_wechat)).content.decode()

    assert APP_SECRET not in html and "已设置" in html


def test_an_editor_may_not_change_the_secret(client, town_a, town_wechat):
    response = login(client, town_a.editor).post(
        page_of(town_wechat), {"action": "connect", "app_id": APP_ID, "secret": "another-secret"}
    )

    assert denied(response)


def test_staff_of_another_unit_do_not_see_the_channel(client, town_b, town_wechat):
    assert denied(login(client, town_b.head).get(page_of(town_wechat)))


def test_test_connection_fetches_a_token(client, town_a, town_wechat, fake_wechat):
    login(client, town_a.head).post(page_of(town_wechat), {"action": "test"})

    assert WechatAccount.objects.get(channel=town_wechat).check_ok is True


def test_the_channel_page_links_to_its_relays(client, town_a, town_wechat):
    html = login(client, town_a.editor).get(reverse("channels_admin_detail", args=[town_wechat.pk])).content.decode()

    assert page_of(town_wechat) in html


def test_a_failed_publication_is_retried_from_the_page_history(
    client, town_a, town_wechat, fake_wechat, settings, django_capture_on_commit_callbacks
):
    settings.RELAY_MAX_ATTEMPTS = 1
    fake_wechat.fail_next("/cgi-bin/draft/add", 45009)
    with django_capture_on_commit_callbacks(execute=True):
        page = synced_news(town_a)
    publication = WechatPublication.objects.get(page=page)

    with django_capture_on_commit_callbacks(execute=True):
        login(client, town_a.editor).post(reverse("relays_page", args=[page.pk]), {"id": publication.pk})

    assert WechatPublication.objects.get(pk=publication.pk).status == WechatPublication.Status.SUBMITTED


def test_the_page_history_shows_the_failure_in_chinese(client, town_a, town_wechat, fake_wechat, settings):
    settings.RELAY_MAX_ATTEMPTS = 1
    fake_wechat.fail_next("/cgi-bin/draft/add", 45009)
    page = synced_news(town_a)
    from townsquare.relays.wechat.sync import run

    run(WechatPublication.objects.get(page=page))

    html = login(client, town_a.editor).get(reverse("relays_page", args=[page.pk])).content.decode()
    assert "今天调用接口的次数已用完" in html and "重试" in html


def test_the_head_adds_a_webhook_with_a_write_only_secret(client, town_a, town_wechat):
    login(client, town_a.head).post(
        page_of(town_wechat),
        {
            "action": "add_webhook",
            "url": "https://relay.example.org/in",
            "secret": "a-long-shared-secret",
            "events": ["page.published"],
        },
    )

    hook = Webhook.objects.get(channel=town_wechat)
    assert (hook.secret, hook.event_list) == ("a-long-shared-secret", ["page.published"])


def test_a_short_webhook_secret_is_refused_with_the_address_kept(client, town_a, town_wechat):
    html = (
        login(client, town_a.head)
        .post(
            page_of(town_wechat),
            {
                "action": "add_webhook",
                "url": "https://relay.example.org/in",
                "secret": "short",
                "events": ["page.published"],
            },
        )
        .content.decode()
    )

    assert "https://relay.example.org/in" in html and Webhook.objects.count() == 0


def test_the_delivery_log_is_shown(client, town_a, town_wechat):
    hook = WebhookFactory(channel=town_wechat)
    WebhookDelivery.objects.create(webhook=hook, event="page.published", body="{}", status_code=502, attempts=2)

    html = login(client, town_a.editor).get(page_of(town_wechat)).content.decode()
    assert "502" in html and "重新发送" in html


def test_the_editor_of_a_ticked_article_offers_its_sync_history(client, town_a):
    page = synced_news(town_a)

    html = login(client, town_a.editor).get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    assert reverse("relays_page", args=[page.pk]) in html


def test_a_weibo_channel_offers_webhooks_but_no_wechat_connection(client, town_a):
    from tests.channels.factories import ChannelFactory

    weibo = ChannelFactory(unit=town_a.unit, kind=Channel.Kind.WEIBO)

    html = login(client, town_a.head).get(page_of(weibo)).content.decode()
    assert "添加推送地址" in html and "AppSecret" not in html
