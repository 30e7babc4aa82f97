"""The demo's 同步到公众号 and webhooks — pointed at nothing real.

- 示范县发布 (the county's 公众号) is connected as a demo account (``is_demo``): its AppID is a placeholder,
  and a sync started in the demo stops at once with “演示账号，不连接真实公众号”;
- its history: three of the county's news went out (one after a failed first try) with example article
  links marked 演示 in the admin, and one is 失败 (WeChat busy) with its 重试 button;
- the county's 微博 account has a webhook to a loopback address (a relay tool would listen there), with a
  delivery log: delivered, delivered on the second try, and one that keeps failing.

Adds only what is missing; dates are relative to ``now``.
"""

import json
from datetime import timedelta

from townsquare.channels.models import Channel
from townsquare.publishing.models import NewsPage
from townsquare.relays.models import Webhook, WebhookDelivery, WechatAccount, WechatPublication
from townsquare.relays.webhooks import payload

DEMO_APP_ID = "wx00demo0not0real"
DEMO_CHANNEL_ACCOUNT = "gh_3c8e51a0d7f2"  # 示范县发布 on WeChat (demo/channels.py)
DEMO_WEIBO_ACCOUNT = "7312045968"
DEMO_WEBHOOK_URL = "http://127.0.0.1:9/shifan-demo-relay/weibo"
DEMO_ARTICLE_URL = "https://mp.weixin.qq.com/s/shifan-demo-not-real-{n}"

# (days ago, status, attempts, error) for the county's newest news, newest first.
PUBLICATIONS = [
    (0, WechatPublication.Status.FAILED, 5, "微信系统繁忙，请稍后再试（错误码 -1：system error）"),
    (1, WechatPublication.Status.PUBLISHED, 1, ""),
    (2, WechatPublication.Status.PUBLISHED, 2, ""),
    (4, WechatPublication.Status.PUBLISHED, 1, ""),
]
# (days ago, status, attempts, HTTP status, response)
DELIVERIES = [
    (1, WebhookDelivery.Status.DELIVERED, 1, 200, '{"ok":true}'),
    (2, WebhookDelivery.Status.DELIVERED, 2, 200, '{"ok":true}'),
    (3, WebhookDelivery.Status.FAILED, 5, 502, "Bad Gateway"),
]


def ensure_demo_account(tally):
    channel = Channel.objects.get(kind=Channel.Kind.WECHAT, account_id=DEMO_CHANNEL_ACCOUNT)
    account = WechatAccount.objects.filter(channel=channel).first()
    tally.count("公众号接入", account is None)
    if account is None:
        account = WechatAccount(channel=channel, app_id=DEMO_APP_ID, is_demo=True)
        account.secret = "demo-secret-not-real"
        account.check_message = "演示账号，没有连接真实公众号。"
        account.save()
    return channel


def ensure_publications(channel, unit, now, tally):
    pages = list(NewsPage.objects.live().filter(unit=unit).order_by("-first_published_at")[: len(PUBLICATIONS)])
    for n, (page, (days, status, attempts, error)) in enumerate(zip(pages, PUBLICATIONS, strict=False), start=1):
        when = now - timedelta(days=days, hours=1)
        published = status == WechatPublication.Status.PUBLISHED
        publication, created = WechatPublication.objects.get_or_create(
            page=page,
            revision_id=page.live_revision_id,
            channel=channel,
            defaults={
                "title": page.title,
                "status": status,
                "attempts": attempts,
                "last_error": error,
                "media_id": f"demo-draft-{n}",
                "publish_id": f"demo-{n}" if published else "",
                "article_url": DEMO_ARTICLE_URL.format(n=n) if published else "",
                "created_at": when,
                "updated_at": when + timedelta(minutes=10),
                "published_at": when + timedelta(minutes=10) if published else None,
            },
        )
        tally.count("公众号同步记录", created)
        if created:
            NewsPage.objects.filter(pk=page.pk).update(sync_to_wechat=True)
    return pages


def ensure_webhook(unit, pages, now, tally):
    channel = Channel.objects.get(kind=Channel.Kind.WEIBO, account_id=DEMO_WEIBO_ACCOUNT)
    hook = Webhook.objects.filter(channel=channel, url=DEMO_WEBHOOK_URL).first()
    tally.count("推送地址", hook is None)
    if hook is not None:
        return hook
    hook = Webhook(channel=channel, url=DEMO_WEBHOOK_URL)
    hook.secret = "demo-webhook-secret-not-real"
    hook.save()
    for page, (days, status, attempts, code, response) in zip(pages, DELIVERIES, strict=False):
        when = now - timedelta(days=days, hours=2)
        WebhookDelivery.objects.create(
            webhook=hook,
            event=Webhook.Event.PUBLISHED,
            page=page,
            body=json.dumps(payload(page, Webhook.Event.PUBLISHED, now=when), ensure_ascii=False),
            status=status,
            attempts=attempts,
            status_code=code,
            response_snippet=response,
            duration_ms=180 + 40 * attempts,
            last_error="" if status == WebhookDelivery.Status.DELIVERED else f"对方返回 HTTP {code}",
            created_at=when,
            delivered_at=when + timedelta(minutes=attempts - 1) if status == WebhookDelivery.Status.DELIVERED else None,
        )
        tally.count("推送记录", True)
    return hook


def ensure_relays(units, now, tally):
    county = units["shifan"]
    channel = ensure_demo_account(tally)
    pages = ensure_publications(channel, county, now, tally)
    ensure_webhook(county, pages, now, tally)
