"""Daily and weekly digests: each subscriber's waiting items in one message, once per period.

The daily digest goes out from ``SUBSCRIPTIONS_DIGEST_HOUR`` (local time); the weekly one on
``SUBSCRIPTIONS_WEEKLY_WEEKDAY`` from that hour. The ``Digest`` row (unique per subscriber,
frequency and period) is written before anything is sent: a second run, or two schedulers at
once, find it and send nothing more. Items that arrive later wait for the next period. The digest has a page
of its own (``tokens.digest_url``), the link of a WeChat digest message.
"""

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from . import tokens
from .models import Digest, DigestItem, Frequency, Message, Subscriber
from .sending import queue

TITLES = {Frequency.DAILY: "每日订阅汇总", Frequency.WEEKLY: "每周订阅汇总"}


def period_start(frequency, now=None):
    """The day (daily) or the week's first day (weekly) whose digest is due at ``now``, or None: not yet."""
    local = timezone.localtime(now or timezone.now())
    if local.hour < settings.SUBSCRIPTIONS_DIGEST_HOUR:
        return None
    day = local.date()
    if frequency == Frequency.DAILY:
        return day
    if day.isoweekday() != settings.SUBSCRIPTIONS_WEEKLY_WEEKDAY:
        return None
    return day - timedelta(days=6)


def digest_text(frequency, start, items):
    lines = [f"{TITLES[frequency]}（{start:%Y年%m月%d日}起），共{len(items)}条：", ""]
    for number, item in enumerate(items, 1):
        lines.append(f"{number}. {item.title}")
        if item.summary:
            lines.append(f"   {item.summary}")
        lines += [f"   {item.url}", ""]
    return "\n".join(lines)


def build(frequency, now=None):
    """Make and queue the digests due now; returns how many were made."""
    start = period_start(frequency, now)
    if start is None:
        return 0
    pending = DigestItem.objects.filter(
        frequency=frequency,
        digest__isnull=True,
        subscriber__confirmed_at__isnull=False,
        subscriber__unreachable_at__isnull=True,
    ).order_by("subscriber_id", "created_at", "pk")
    by_subscriber = {}
    subscriber_versions = dict(
        Subscriber.objects.filter(pk__in=pending.values("subscriber_id")).values_list("pk", "token_version")
    )
    for item in pending:
        by_subscriber.setdefault(item.subscriber_id, []).append(item)
    made = 0
    for subscriber_id, items in by_subscriber.items():
        try:
            with transaction.atomic():
                digest = Digest.objects.create(subscriber_id=subscriber_id, frequency=frequency, period_start=start)
                message = Message.objects.create(
                    key=f"digest:{frequency}:{start:%Y%m%d}:{subscriber_id}",
                    purpose=Message.Purpose.DIGEST,
                    subject=f"{TITLES[frequency]}：{len(items)}条新信息",
                    body=digest_text(frequency, start, items),
                )
                message.url = tokens.digest_url(digest, subscriber_versions[subscriber_id])
                message.save(update_fields=["url"])
                digest.message = message
                digest.save(update_fields=["message"])
                DigestItem.objects.filter(pk__in=[item.pk for item in items]).update(digest=digest)
        except IntegrityError:
            continue  # this period's digest exists already
        queue(message, [subscriber_id])
        made += 1
    return made
