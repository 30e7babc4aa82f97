"""Subscribing, confirming and unsubscribing: what the public pages do, as plain functions."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import Message, Subscriber, Subscription
from .sending import queue

CONFIRM_TEXT = """您好：

有人（希望是您）用这个邮箱在{site}订阅了：
{items}

请点下面的链接确认，确认后才会开始发送（{days}天内有效）：
{{confirm}}

如果不是您本人操作，不用理会这封邮件，我们不会再给您发信。
"""


@transaction.atomic
def subscribe(email, target, frequency, key):
    """Record a (still unconfirmed) subscription and send the confirmation link; returns the subscriber.

    The same form sent twice (``key``) sends one confirmation. A subscription the address has
    confirmed already only changes its frequency."""
    subscriber, _ = Subscriber.objects.get_or_create(email=email)
    subscription, created = Subscription.objects.get_or_create(
        subscriber=subscriber, **target, defaults={"frequency": frequency}
    )
    if not created and subscription.frequency != frequency:
        subscription.frequency = frequency
        subscription.save(update_fields=["frequency"])
    pending = list(subscriber.subscriptions.filter(confirmed_at__isnull=True).select_related("unit", "column"))
    if pending:
        body = CONFIRM_TEXT.format(
            site=settings.WAGTAIL_SITE_NAME,
            items="\n".join(f"· {each.describe()}（{each.get_frequency_display()}）" for each in pending),
            days=settings.SUBSCRIPTIONS_CONFIRM_DAYS,
        )
        message, _ = Message.objects.get_or_create(
            key=f"confirm:{key}",
            defaults={"purpose": Message.Purpose.CONFIRM, "subject": "请确认您的邮件订阅", "body": body},
        )
        queue(message, [subscriber.pk])
    return subscriber


@transaction.atomic
def subscribe_wechat(subscriber, target, frequency, key):
    """A WeChat subscriber (the web authorisation proved the openid) follows ``target`` at once, and hears
    订阅成功 with the manage link (once per form sent); returns the subscription."""
    now = timezone.now()
    subscription, created = Subscription.objects.get_or_create(
        subscriber=subscriber, **target, defaults={"frequency": frequency, "confirmed_at": now}
    )
    if not created:
        subscription.frequency, subscription.confirmed_at = frequency, subscription.confirmed_at or now
        subscription.save(update_fields=["frequency", "confirmed_at"])
    Subscriber.objects.filter(pk=subscriber.pk).update(changed_at=now)
    subject = f"订阅成功：{subscription.describe()}"
    body = f"{subject}（{subscription.get_frequency_display()}）。点开可以查看、修改或退订您的全部订阅。"
    message, _ = Message.objects.get_or_create(
        key=f"welcome:{key}",
        defaults={
            "purpose": Message.Purpose.WELCOME,
            "subject": subject[:200],
            "body": body,
            "source": settings.WAGTAIL_SITE_NAME[:100],
        },
    )
    queue(message, [subscriber.pk])
    return subscription


def confirm(subscriber, now=None):
    """Every pending subscription of this address starts; returns how many."""
    now = now or timezone.now()
    if subscriber.confirmed_at is None:
        Subscriber.objects.filter(pk=subscriber.pk).update(confirmed_at=now, changed_at=now)
        subscriber.confirmed_at = now
    return subscriber.subscriptions.filter(confirmed_at__isnull=True).update(confirmed_at=now)


def unsubscribe_all(subscriber):
    """Stop everything: the address keeps no subscription (it is deleted later with its log)."""
    Subscriber.objects.filter(pk=subscriber.pk).update(changed_at=timezone.now())
    return subscriber.subscriptions.all().delete()[0]


def update(subscriber, frequencies, removed):
    """The manage page: new frequencies by subscription id, and the ids to remove."""
    subscriptions = subscriber.subscriptions.all()
    for subscription in subscriptions:
        if subscription.pk in removed:
            subscription.delete()
        elif frequencies.get(subscription.pk) and frequencies[subscription.pk] != subscription.frequency:
            subscription.frequency = frequencies[subscription.pk]
            subscription.save(update_fields=["frequency"])
    Subscriber.objects.filter(pk=subscriber.pk).update(changed_at=timezone.now())
