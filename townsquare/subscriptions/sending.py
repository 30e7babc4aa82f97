"""Handing messages to the SMTP server (and to WeChat, ``wechat.send``): in batches, over one connection each,
logged per subscriber.

``queue(message, subscriber_ids)`` enqueues background tasks of ``SUBSCRIPTIONS_BATCH_SIZE``
subscribers; each writes its delivery rows (once per message and subscriber) and sends. A task first *claims* its rows
(one UPDATE from queued/failed to sending with a fresh claim id), so a batch enqueued twice, or a
retry racing a late task, never sends a message twice. A failure is logged on the row with a
time for the next attempt (``retry_due`` hands those to new tasks, up to ``SUBSCRIPTIONS_MAX_ATTEMPTS``);
a final failure (WeChat: the resident no longer follows the account or refuses its messages) has none.
"""

import logging
import secrets
from datetime import timedelta
from smtplib import SMTPServerDisconnected

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db.models import F, Q
from django.utils import timezone

from . import tokens
from .models import Delivery, Message

logger = logging.getLogger(__name__)

FOOTER = """
——
您收到这封邮件，是因为在{site}订阅了相关信息。
查看或修改您的全部订阅：{manage}
不想再收到：{unsubscribe}
"""
STALE_CLAIM = timedelta(minutes=15)


def queue(message, subscriber_ids):
    """Enqueue sending ``message`` to these subscribers, a batch per task; each task logs its own deliveries
    (so that publishing a notice for 10,000 people does not wait for 10,000 rows)."""
    from .tasks import send_new

    ids, size = sorted(subscriber_ids), settings.SUBSCRIPTIONS_BATCH_SIZE
    for start in range(0, len(ids), size):
        send_new.enqueue(message.pk, ids[start : start + size])
    return len(ids)


def send_new(message_id, subscriber_ids):
    """Log one delivery per subscriber (skipping those logged already) and send those not tried yet."""
    now = timezone.now()
    Delivery.objects.bulk_create(
        [Delivery(message_id=message_id, subscriber_id=pk, queued_at=now) for pk in subscriber_ids],
        ignore_conflicts=True,
    )
    ids = Delivery.objects.filter(
        message_id=message_id, subscriber_id__in=subscriber_ids, status=Delivery.Status.QUEUED, attempts=0
    ).values_list("pk", flat=True)
    return send_deliveries(list(ids))


def enqueue(delivery_ids):
    """Enqueue sending logged deliveries again (the retries), a batch per task."""
    from .tasks import send_batch

    size = settings.SUBSCRIPTIONS_BATCH_SIZE
    for start in range(0, len(delivery_ids), size):
        send_batch.enqueue(delivery_ids[start : start + size])


def claim(delivery_ids):
    """Take the rows still waiting to be sent for this batch; the others are sent or taken already."""
    token = secrets.token_hex(8)
    Delivery.objects.filter(pk__in=delivery_ids, status__in=[Delivery.Status.QUEUED, Delivery.Status.FAILED]).update(
        status=Delivery.Status.SENDING, claim=token, claimed_at=timezone.now()
    )
    return list(
        Delivery.objects.filter(claim=token, status=Delivery.Status.SENDING)
        .select_related("message", "subscriber", "subscriber__wechat")
        .order_by("pk")
    )


def email_for(delivery):
    message, subscriber = delivery.message, delivery.subscriber
    if message.purpose == Message.Purpose.CONFIRM:
        return EmailMessage(
            message.subject, message.body.replace("{confirm}", tokens.confirm_url(subscriber)), None, [subscriber.email]
        )
    unsubscribe = tokens.unsubscribe_url(subscriber)
    footer = FOOTER.format(
        site=settings.WAGTAIL_SITE_NAME, manage=tokens.manage_url(subscriber), unsubscribe=unsubscribe
    )
    targets = [f"<{unsubscribe}>"]
    if settings.SUBSCRIPTIONS_UNSUBSCRIBE_MAILTO:
        targets.append(f"<mailto:{settings.SUBSCRIPTIONS_UNSUBSCRIBE_MAILTO}?subject=unsubscribe>")
    headers = {"List-Unsubscribe": ", ".join(targets), "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
    return EmailMessage(message.subject, message.body + "\n" + footer, None, [subscriber.email], headers=headers)


def send_deliveries(delivery_ids):
    """Send the claimable deliveries among ``delivery_ids`` (e-mails over one SMTP connection, WeChat messages
    through the 公众号's API); returns how many went out."""
    from . import wechat

    deliveries = claim(delivery_ids)
    by_wechat = [delivery for delivery in deliveries if delivery.subscriber.by_wechat]
    by_email = [delivery for delivery in deliveries if not delivery.subscriber.by_wechat]
    sent = _send_emails(by_email) + wechat.send(by_wechat, _failed)
    Delivery.objects.filter(pk__in=sent).update(
        status=Delivery.Status.SENT, sent_at=timezone.now(), attempts=F("attempts") + 1, last_error="", claim=""
    )
    return len(sent)


def _send_emails(deliveries):
    """The ids of those the SMTP server took."""
    if not deliveries:
        return []
    sent, connection = [], get_connection()
    try:
        connection.open()
    except Exception as error:  # no server: the whole batch waits for the retry
        for delivery in deliveries:
            _failed(delivery, error)
        return []
    try:
        for delivery in deliveries:
            try:
                connection.send_messages([email_for(delivery)])
            except SMTPServerDisconnected as error:
                _failed(delivery, error)
                connection.close()  # opened again for the next message
            except Exception as error:  # the server refused this one: logged, tried again later
                _failed(delivery, error)
            else:
                sent.append(delivery.pk)
    finally:
        try:
            connection.close()
        except Exception:
            logger.warning("closing the SMTP connection failed", exc_info=True)
    return sent


def _failed(delivery, error, final=False):
    """Log a failed attempt: tried again after a growing wait, or never (``final``: no next attempt)."""
    attempts = delivery.attempts + 1
    wait = timedelta(minutes=settings.SUBSCRIPTIONS_RETRY_MINUTES * 2 ** (attempts - 1))
    logger.warning("subscription message %s failed (attempt %s, final %s): %s", delivery.pk, attempts, final, error)
    Delivery.objects.filter(pk=delivery.pk).update(
        status=Delivery.Status.FAILED,
        attempts=attempts,
        last_error=(str(error) or type(error).__name__)[:300],
        next_attempt_at=None if final else timezone.now() + wait,
        claim="",
    )


def retry_due(now=None):
    """Hand failed deliveries whose wait is over (and rows a crashed worker left) to new tasks."""
    now = now or timezone.now()
    Delivery.objects.filter(status=Delivery.Status.SENDING, claimed_at__lt=now - STALE_CLAIM).update(
        status=Delivery.Status.FAILED, last_error="发送中断", next_attempt_at=now, claim=""
    )
    due = Delivery.objects.filter(
        Q(status=Delivery.Status.FAILED, next_attempt_at__lte=now)
        | Q(status=Delivery.Status.QUEUED, queued_at__lt=now - STALE_CLAIM),
        attempts__lt=settings.SUBSCRIPTIONS_MAX_ATTEMPTS,
    )
    ids = list(due.order_by("pk").values_list("pk", flat=True))
    enqueue(ids)
    return ids
