"""Making the delivery log rows, and sending them: once each, retried when the channel failed."""

import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django_tasks import task

from townsquare.core.models import Delivery
from townsquare.core.sms import get_backend, send_sms

from . import followup, optout, texts

logger = logging.getLogger(__name__)
Channel, Status = Delivery.Channel, Delivery.Status
# A row being sent is not picked up by the job for this long (the task holds it).
LEASE = timedelta(minutes=10)


def notify_resident(kind, case, *, reference, email="", phone="", params=None, link="", key="", due_at=None, now=None):
    """Log one message of ``kind`` about ``case`` per channel the resident gave, and send it after commit.

    ``reference``: the tracking number (the only identifying thing in the text); ``params``: dates for the
    text (``due``, ``when``); ``link``: the page where the resident sees the case (e-mail only);
    ``key``: what makes this message once (default: this moment); ``due_at``: send later (回访);
    ``now``: the moment of the event (the demo passes past ones).
    Returns the new Delivery rows (none when sent before, no contact, or opted out)."""
    now = now or timezone.now()
    case_type = ContentType.objects.get_for_model(case)
    params = {"number": reference, **(params or {})}
    if link:
        params["link"] = link
    made = []
    for channel, address in ((Channel.EMAIL, email), (Channel.SMS, phone)):
        if not address or (channel == Channel.SMS and not _sms_possible(kind, address)):
            continue
        skipped = optout.is_opted_out(channel, address)
        try:
            with transaction.atomic():
                delivery = Delivery.objects.create(
                    kind=kind,
                    channel=channel,
                    case_type=case_type,
                    case_id=case.pk,
                    reference=reference,
                    key=key or now.isoformat(),
                    address="" if skipped else address,
                    params=params,
                    status=Status.SKIPPED if skipped else Status.PENDING,
                    due_at=due_at or now,
                    created_at=now,
                )
        except IntegrityError:
            continue  # this message was made before
        if not skipped:
            made.append(delivery)
            if delivery.due_at <= timezone.now():
                transaction.on_commit(lambda pk=delivery.pk: send_delivery.enqueue(pk))
    return made


def schedule_followup(case, *, reference, email="", phone="", answered_at=None, number_label=""):
    """回访 NOTIFY_FOLLOWUP_DAYS after the answer; once per case, however often the answer is given.
    ``number_label``: what the e-mail calls the reference (申请编号), when not 受理编号."""
    due = (answered_at or timezone.now()) + timedelta(days=settings.NOTIFY_FOLLOWUP_DAYS)
    params = {"number_label": number_label} if number_label else None
    return notify_resident(
        "followup", case, reference=reference, email=email, phone=phone, params=params, key="once", due_at=due
    )


def _sms_possible(kind, phone):
    """A mobile number, and a template of this kind registered with the county's provider."""
    digits = "".join(ch for ch in phone if ch.isdigit())
    if len(digits) != 11 or not digits.startswith("1"):
        return False
    return bool(settings.SMS_TEMPLATES.get(get_backend().provider, {}).get(kind))


@task()
def send_delivery(delivery_id):
    delivery = Delivery.objects.filter(pk=delivery_id).first()
    return deliver(delivery) if delivery else False


def deliver(delivery, now=None):
    """Send one pending delivery; True when it went out. A failure leaves it pending for the job until
    NOTIFY_MAX_ATTEMPTS, then failed; either way the address is cleared once nothing more will be sent."""
    now = now or timezone.now()
    claimed = Delivery.objects.filter(pk=delivery.pk, status=Status.PENDING, attempts=delivery.attempts).update(
        attempts=F("attempts") + 1, due_at=now + LEASE
    )
    if not claimed:
        return False  # sent or being sent by another worker
    delivery.refresh_from_db()
    if optout.is_opted_out(delivery.channel, delivery.address):  # 退订 after the message was made (回访, retries)
        Delivery.objects.filter(pk=delivery.pk).update(status=Status.SKIPPED, address="", error="已退订")
        return False
    try:
        ok, provider_id, error = _send(delivery)
    except Exception as exc:  # the mail server or provider may be down: try again later
        logger.warning("message %s (%s) failed", delivery.pk, delivery.channel, exc_info=True)
        ok, provider_id, error = False, "", str(exc)[:300] or "发送失败"
    if ok:
        Delivery.objects.filter(pk=delivery.pk).update(
            status=Status.SENT, sent_at=timezone.now(), address="", error="", provider_id=provider_id[:80]
        )
        return True
    final = delivery.attempts >= settings.NOTIFY_MAX_ATTEMPTS
    Delivery.objects.filter(pk=delivery.pk).update(
        status=Status.FAILED if final else Status.PENDING,
        address="" if final else delivery.address,
        error=error[:300],
        due_at=now + timedelta(minutes=settings.NOTIFY_EVERY_MINUTES * delivery.attempts),
    )
    return False


def _send(delivery):
    params = dict(delivery.params)
    if delivery.kind == "followup":
        params["link"] = followup.link(delivery.case_type_id, delivery.case_id)
    if delivery.channel == Channel.SMS:
        ordered = {name: params.get(name, "") for name in texts.sms_order(delivery.kind)}
        result = send_sms(delivery.address, delivery.kind, ordered)
        return result.ok, result.message_id, f"{result.code} {result.error}".strip()
    optout_link = optout.link(Channel.EMAIL, delivery.address)
    subject, body = texts.email(delivery.kind, params, params.get("link", ""), optout_link)
    message = EmailMessage(subject, body, to=[delivery.address], headers={"List-Unsubscribe": f"<{optout_link}>"})
    message.send()
    return True, "", ""


def send_due(now=None):
    """Send every pending message whose time has come (回访, retries, any the task queue missed)."""
    now = now or timezone.now()
    sent = 0
    for delivery in Delivery.objects.filter(status=Status.PENDING, due_at__lte=now).order_by("due_at", "pk")[:500]:
        sent += bool(deliver(delivery, now))
    return sent


def forget(case):
    """The resident's contacts of this case were erased: drop the addresses of its unsent messages too."""
    case_type = ContentType.objects.get_for_model(case)
    return Delivery.objects.filter(case_type=case_type, case_id=case.pk, status=Status.PENDING).update(
        status=Status.SKIPPED, address="", error="联系方式已删除"
    )
