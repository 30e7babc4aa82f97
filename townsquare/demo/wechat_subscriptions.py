"""Demo county: residents who subscribed by WeChat through 示范县发布 (the demo 公众号, ``relays.py``), marked demo,
with their delivery log: 订阅成功 messages, a 青禾镇 notice sent at once, a daily digest with its page, and one
resident who stopped following the account (43004: unreachable, no more tries).

The demo 公众号 connects to nothing: its 订阅 page plays WeChat's web authorisation itself (``subscriptions.wechat``),
so the whole flow can be tried in any browser. Called after ``ensure_relays``; idempotent (found by openid).
"""

import datetime

from townsquare.channels.models import Channel
from townsquare.publishing.models import NewsPage, NoticePage
from townsquare.subscriptions import tokens
from townsquare.subscriptions.models import (
    Delivery,
    Digest,
    DigestItem,
    Frequency,
    Kind,
    Message,
    Subscriber,
    Subscription,
)

from .relays import DEMO_CHANNEL_ACCOUNT

# (openid, [(kind, town slug or None, frequency)]); openids of the demo start with "demo-" and name nobody.
SUBSCRIBERS = [
    (
        "demo-wx-qinghe-zhouayi",
        [(Kind.UTILITIES, "qinghe", Frequency.IMMEDIATE), (Kind.WEATHER, "qinghe", Frequency.IMMEDIATE)],
    ),
    ("demo-wx-chengguan-xushifu", [(Kind.UNIT, "chengguan", Frequency.DAILY)]),
    ("demo-wx-shiqiao-luoge", [(Kind.TRAFFIC, "shiqiao", Frequency.IMMEDIATE)]),
]
GONE = "demo-wx-shiqiao-luoge"  # no longer follows 示范县发布: the last message failed with 43004
GONE_ERROR = "用户没有关注公众号（错误码 43004：require subscribe）"


def ensure_wechat_subscriptions(units, now, tally):
    channel = Channel.objects.filter(kind=Channel.Kind.WECHAT, account_id=DEMO_CHANNEL_ACCOUNT).first()
    if channel is None:
        return
    new = False
    for n, (openid, rows) in enumerate(SUBSCRIBERS):
        since = now - datetime.timedelta(days=12 - n * 3)
        subscriber, created = Subscriber.objects.get_or_create(
            wechat=channel,
            openid=openid,
            defaults={"confirmed_at": since, "created_at": since, "changed_at": since, "is_demo": True},
        )
        tally.count("微信订阅人", created)
        new = new or created
        for kind, slug, frequency in rows:
            _, made = Subscription.objects.get_or_create(
                subscriber=subscriber,
                kind=kind,
                unit=units.get(slug) if slug else None,
                column=None,
                topic="",
                defaults={"frequency": frequency, "created_at": since, "confirmed_at": since},
            )
            tally.count("订阅", made)
        if created:
            _log(subscriber, f"订阅成功：{subscriber.subscriptions.first().describe()}", "", since, "welcome")
    if new:
        _log_news(units, channel, now)
    tally.count("微信投递记录", new)


def _log(subscriber, subject, url, when, purpose, source="", error=""):
    message, _ = Message.objects.get_or_create(
        key=f"demo:wechat:{purpose}:{subscriber.openid}:{when:%Y%m%d%H%M}",
        defaults={
            "purpose": purpose,
            "subject": subject[:200],
            "body": subject,
            "source": source[:100],
            "url": url,
            "created_at": when,
        },
    )
    failed = Delivery.Status.FAILED if error else Delivery.Status.SENT
    Delivery.objects.get_or_create(
        message=message,
        subscriber=subscriber,
        defaults={
            "status": failed,
            "attempts": 1,
            "last_error": error,
            "queued_at": when,
            "sent_at": None if error else when + datetime.timedelta(seconds=3),
        },
    )
    return message


def _log_news(units, channel, now):
    by_openid = {each.openid: each for each in Subscriber.objects.filter(wechat=channel)}
    notice = NoticePage.objects.live().filter(unit=units.get("qinghe")).order_by("-first_published_at").first()
    if notice is not None:
        when = now - datetime.timedelta(days=1, hours=3)
        url = tokens.absolute(notice.get_url() or "/")
        _log(by_openid["demo-wx-qinghe-zhouayi"], notice.title, url, when, "urgent", notice.unit.name)
    news = list(NewsPage.objects.live().filter(unit=units.get("chengguan")).order_by("-first_published_at")[:3])
    if news:
        _digest(by_openid["demo-wx-chengguan-xushifu"], news, now)
    closure = now - datetime.timedelta(hours=20)
    gone = by_openid[GONE]
    town = units.get("shiqiao")
    title = f"【封路】{town.display_name}镇区主干道夜间施工封闭"
    _log(gone, title, "", closure, "urgent", town.name, error=GONE_ERROR)
    Subscriber.objects.filter(pk=gone.pk).update(unreachable_at=closure)


def _digest(subscriber, pages, now):
    start = (now - datetime.timedelta(days=1)).date()
    digest, _ = Digest.objects.get_or_create(subscriber=subscriber, frequency=Frequency.DAILY, period_start=start)
    for page in pages:
        DigestItem.objects.get_or_create(
            subscriber=subscriber,
            key=f"page:{page.pk}:published",
            defaults={
                "frequency": Frequency.DAILY,
                "title": page.title,
                "url": tokens.absolute(page.get_url() or "/"),
                "summary": page.summary[:300],
                "digest": digest,
            },
        )
    url = tokens.digest_url(digest, subscriber.token_version)
    when = now - datetime.timedelta(hours=14)
    digest.message = _log(subscriber, f"每日订阅汇总：{len(pages)}条新信息", url, when, "digest")
    digest.save(update_fields=["message"])
