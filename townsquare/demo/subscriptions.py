"""Demo county: residents' e-mail subscriptions of every kind (one still waiting for confirmation) and a
delivery log with messages sent, one that failed once and went out on the retry, and one still failing.

Called from ``loader.py`` as ``ensure_subscriptions(units, now, tally)``, after the pages exist. Idempotent:
subscribers are found by address, and the log is written once. Addresses are fictional (example.com).
"""

import datetime

from townsquare.publishing.models import NoticePage, PolicyTopic, SectionPage, UnitHomePage
from townsquare.subscriptions.models import Delivery, Frequency, Kind, Message, Subscriber, Subscription
from townsquare.subscriptions.notifying import Item
from townsquare.subscriptions.tokens import absolute

# (address, confirmed, [(kind, unit slug or None, column kind of that unit's home or "", topic, frequency)])
SUBSCRIBERS = [
    (
        "wang.guihua@example.com",
        True,
        [(Kind.UTILITIES, "qinghe", "", "", Frequency.WEEKLY), (Kind.WEATHER, "qinghe", "", "", Frequency.IMMEDIATE)],
    ),
    ("li.jianguo@example.com", True, [(Kind.UNIT, "qinghe", "", "", Frequency.IMMEDIATE)]),
    ("chen.xiaomei@example.com", True, [(Kind.COLUMN, "chengguan", "notice", "", Frequency.DAILY)]),
    (
        "zhao.lei@example.com",
        True,
        [
            (Kind.TRAFFIC, "shiqiao", "", "", Frequency.DAILY),
            (Kind.TOPIC, None, "", PolicyTopic.AGRICULTURE, Frequency.WEEKLY),
        ],
    ),
    ("sun.meiling@example.com", False, [(Kind.UNIT, "liutang", "", "", Frequency.WEEKLY)]),
]
FAILED_ONCE = "li.jianguo@example.com"  # its first attempt was refused; the retry delivered it
STILL_FAILING = "zhao.lei@example.com"  # refused once; waiting for the next attempt
REFUSAL = "451 4.3.0 暂时无法投递（对方邮箱服务器繁忙）"


def _column(unit, kind):
    home = UnitHomePage.objects.filter(unit=unit).first()
    return SectionPage.objects.child_of(home).filter(kind=kind).first() if home else None


def ensure_subscriptions(units, now, tally):
    for n, (email, confirmed, rows) in enumerate(SUBSCRIBERS):
        created_at = now - datetime.timedelta(days=20 - n * 3)
        subscriber, created = Subscriber.objects.get_or_create(
            email=email, defaults={"created_at": created_at, "confirmed_at": created_at if confirmed else None}
        )
        tally.count("订阅邮箱", created)
        for kind, slug, column_kind, topic, frequency in rows:
            unit = units.get(slug) if slug else None
            column = _column(unit, column_kind) if column_kind else None
            if kind == Kind.COLUMN:
                unit = None
            _, made = Subscription.objects.get_or_create(
                subscriber=subscriber,
                kind=kind,
                unit=unit,
                column=column,
                topic=topic,
                defaults={"frequency": frequency, "created_at": created_at, "confirmed_at": subscriber.confirmed_at},
            )
            tally.count("订阅", made)
    ensure_delivery_log(units, now, tally)


def ensure_delivery_log(units, now, tally):
    if Delivery.objects.exists():
        tally.count("投递记录", False)
        return
    notice = NoticePage.objects.live().filter(unit=units.get("qinghe")).order_by("-first_published_at").first()
    if notice is None:
        return
    item = Item(
        key=f"page:{notice.pk}:published",
        title=notice.title,
        url=absolute(notice.get_url() or "/"),
        summary=notice.summary,
        source=notice.unit.name,
    )
    sent_at = notice.first_published_at or now
    message, _ = Message.objects.get_or_create(
        key=item.key,
        defaults={
            "purpose": Message.Purpose.IMMEDIATE,
            "subject": item.heading,
            "body": item.text(),
            "created_at": sent_at,
        },
    )
    for subscriber in Subscriber.objects.filter(confirmed_at__isnull=False).order_by("pk"):
        delivery = Delivery(message=message, subscriber=subscriber, queued_at=sent_at, attempts=1)
        if subscriber.email == STILL_FAILING:
            delivery.status, delivery.last_error = Delivery.Status.FAILED, REFUSAL
            delivery.next_attempt_at = now + datetime.timedelta(minutes=5)
        elif subscriber.email == FAILED_ONCE:
            delivery.status, delivery.attempts, delivery.last_error = Delivery.Status.SENT, 2, ""
            delivery.sent_at = sent_at + datetime.timedelta(minutes=5)
        else:
            delivery.status, delivery.sent_at = Delivery.Status.SENT, sent_at + datetime.timedelta(seconds=2)
        delivery.save()
        tally.count("投递记录", True)
