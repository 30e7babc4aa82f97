"""Webhooks: a signed POST to each of a unit's channels' relays when one of its pages is published, updated or
taken down.

Each delivery is one JSON body, kept as sent. Headers: ``X-Townsquare-Event``, ``X-Townsquare-Delivery`` (a
UUID, the same on every retry), ``X-Townsquare-Timestamp`` (Unix seconds of this attempt) and
``X-Townsquare-Signature: sha256=<hex>``, the HMAC-SHA256 with the webhook's secret of
``<timestamp>.<raw body>``. A receiver recomputes it, compares in constant time and refuses a timestamp more
than five minutes off (a replayed request). A non-2xx answer, a timeout or a refused connection is tried again
RELAY_RETRY_BASE_SECONDS × 2^(n-1) later, up to RELAY_MAX_ATTEMPTS times; every attempt is logged.
"""

import datetime
import hashlib
import hmac
import json
import logging
import time

import requests
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import Webhook, WebhookDelivery

logger = logging.getLogger(__name__)
Status = WebhookDelivery.Status


def signature(secret, timestamp, body):
    """``sha256=<hex>`` of ``<timestamp>.<body>`` (bytes) under ``secret``."""
    message = str(timestamp).encode() + b"." + body
    return "sha256=" + hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def payload(page, event, now=None):
    """What a relay needs to repost a page — nothing about residents."""
    unit = page.unit if getattr(page, "unit", None) is not None else page.nearest_unit()
    published = getattr(page, "published_at", None) or page.first_published_at
    return {
        "event": event,
        "page": {
            "id": page.pk,
            "title": page.title,
            "url": page.full_url or "",
            "summary": getattr(page, "summary", "") or "",
            "type": page._meta.verbose_name,
            "unit": unit.name if unit is not None else "",
            "published_at": published.isoformat() if published else None,
        },
        "sent_at": (now or timezone.now()).isoformat(),
    }


def queue_event(page, event, unit):
    """A delivery per active webhook of the unit's open channels that wants ``event``; sent after commit."""
    if unit is None:
        return []
    hooks = Webhook.objects.filter(active=True, channel__unit=unit).exclude(channel__status="closed")
    body = json.dumps(payload(page, event), ensure_ascii=False)
    deliveries = [
        WebhookDelivery.objects.create(webhook=hook, event=event, page_id=page.pk, body=body)
        for hook in hooks
        if event in hook.event_list
    ]
    for delivery in deliveries:
        start(delivery)
    return deliveries


def start(delivery):
    from .tasks import deliver_webhook

    transaction.on_commit(lambda: deliver_webhook.enqueue(delivery.pk))


def resend(delivery):
    """重新发送: a new attempt now, with a fresh count."""
    delivery.status, delivery.attempts, delivery.next_attempt_at = Status.PENDING, 0, None
    delivery.save(update_fields=["status", "attempts", "next_attempt_at"])
    start(delivery)


def deliver(delivery, now=None):
    """One attempt: POST the kept body, signed now; log the answer."""
    if delivery.status != Status.PENDING:
        return delivery
    hook = delivery.webhook
    body = delivery.body.encode("utf-8")
    timestamp = int(time.time())
    headers = {
        "Content-Type": "application/json; charset=utf-8",
        "User-Agent": "Townsquare-Webhook/1",
        "X-Townsquare-Event": delivery.event,
        "X-Townsquare-Delivery": str(delivery.delivery_id),
        "X-Townsquare-Timestamp": str(timestamp),
        "X-Townsquare-Signature": signature(hook.secret, timestamp, body),
    }
    delivery.attempts += 1
    started = time.monotonic()
    try:
        response = requests.post(hook.url, data=body, headers=headers, timeout=settings.RELAY_TIMEOUT_SECONDS)
    except requests.RequestException as error:
        delivery.status_code, delivery.response_snippet = None, ""
        delivery.last_error = f"连接失败：{type(error).__name__}"[:300]
    else:
        delivery.status_code = response.status_code
        delivery.response_snippet = response.text[:500]
        delivery.last_error = "" if response.ok else f"对方返回 HTTP {response.status_code}"
    delivery.duration_ms = int((time.monotonic() - started) * 1000)
    now = now or timezone.now()
    if not delivery.last_error:
        delivery.status, delivery.delivered_at, delivery.next_attempt_at = Status.DELIVERED, now, None
    elif delivery.attempts >= settings.RELAY_MAX_ATTEMPTS:
        delivery.status, delivery.next_attempt_at = Status.FAILED, None
    else:
        wait = settings.RELAY_RETRY_BASE_SECONDS * 2 ** (delivery.attempts - 1)
        delivery.next_attempt_at = now + datetime.timedelta(seconds=wait)
    delivery.save()
    return delivery


def due(now=None):
    now = now or timezone.now()
    for delivery in WebhookDelivery.objects.filter(status=Status.PENDING, next_attempt_at__lte=now).select_related(
        "webhook"
    ):
        deliver(delivery, now)
