"""Reminders to the handling unit before a statutory deadline passes (and when it has).

``send_reminders`` (jobs.py, every few minutes) finds:
- applications whose 补正 window (7 working days) ends within DISCLOSURE_REMIND_WORKING_DAYS working days
  and no 补正 was asked (the unit decides: ask now, or handle the application as it is);
- running applications whose answer is due within DISCLOSURE_REMIND_WORKING_DAYS working days;
- running applications past their answer deadline.
Each is e-mailed to the unit's staff (units.recipients, as 我要留言's reminders) and recorded as a Reminder,
at most once per application, kind and deadline: a moved deadline (补正 answered, extension, consultation)
is reminded of again.
"""

import logging

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone

from townsquare.core.workdays import deadline_after
from townsquare.units.recipients import Recipients, send_each

from .models import Application, Event, Reminder, Status

logger = logging.getLogger(__name__)
Kind = Reminder.Kind


def _when(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def _message(application, kind, deadline):
    unit = application.unit.display_name
    lead = {
        Kind.CORRECTION_DUE: f"{unit}收到的这件政府信息公开申请，补正告知期限到{_when(deadline)}。"
        "申请内容不明确的，请在期限前一次性告知补正；内容明确的，请按期答复。",
        Kind.DUE_SOON: f"{unit}办理的这件政府信息公开申请，请在{_when(deadline)}前答复申请人。",
        Kind.OVERDUE: f"{unit}办理的这件政府信息公开申请已超过法定答复期限（{_when(deadline)}），请尽快答复。",
    }[kind]
    link = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("disclosure_detail", args=[application.pk])
    body = "\n".join(
        [
            "您好：",
            "",
            lead,
            "",
            f"申请编号：{application.tracking_number}",
            f"去办理：{link}",
            "",
            "这封邮件由系统自动发送。",
        ]
    )
    return f"【{kind.label}】政府信息公开申请 {application.tracking_number}", body


def due_work(now):
    """(application, kind, deadline) that need a reminder now and have not had one for that deadline."""
    soon = deadline_after(now, settings.DISCLOSURE_REMIND_WORKING_DAYS)
    running = Application.objects.filter(status=Status.RECEIVED).select_related("unit")

    def not_reminded(kind, field):
        return ~Exists(Reminder.objects.filter(application=OuterRef("pk"), kind=kind, deadline=OuterRef(field)))

    work = [
        (a, Kind.OVERDUE, a.answer_due)
        for a in running.filter(answer_due__lt=now).filter(not_reminded(Kind.OVERDUE, "answer_due"))
    ]
    work += [
        (a, Kind.DUE_SOON, a.answer_due)
        for a in running.filter(answer_due__gte=now, answer_due__lte=soon).filter(
            not_reminded(Kind.DUE_SOON, "answer_due")
        )
    ]
    work += [
        (a, Kind.CORRECTION_DUE, a.correction_due)
        for a in running.filter(correction_asked_at__isnull=True, correction_due__gte=now, correction_due__lte=soon)
        .exclude(answer_due__lte=soon)
        .filter(not_reminded(Kind.CORRECTION_DUE, "correction_due"))
    ]
    return work


def send_reminders(now=None):
    """Send what is due; returns how many reminders went out (a failing one is retried on the next run)."""
    now = now or timezone.now()
    connection, recipients, count = get_connection(), Recipients(), 0
    for application, kind, deadline in due_work(now):
        try:
            with transaction.atomic():
                addresses = recipients.unit(application.unit)
                subject, body = _message(application, kind, deadline)
                send_each(subject, body, addresses, connection)
                Reminder.objects.create(
                    application=application,
                    kind=kind,
                    deadline=deadline,
                    created_at=now,
                    emailed_to="\n".join(addresses),
                )
                Event.objects.create(application=application, what=f"系统提醒：{kind.label}", at=now, is_public=False)
        except Exception:  # one bad address or a mail server hiccup must not stop the others
            logger.exception("disclosure reminder for application %s (%s) failed", application.pk, kind)
            continue
        count += 1
    return count
