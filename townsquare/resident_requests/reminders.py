"""Reminders before and at a request's answer deadline (and for extensions waiting for the county).

``send_reminders`` runs every few minutes (see jobs.py). For each request due within
REQUEST_REMIND_WORKING_DAYS working days, and for each one past its deadline, it leaves
a StaffNotice for the unit in charge and a copy for the county, e-mails the unit's
handlers and the county's heads, and records a non-public RequestEvent. A notice exists
at most once per request, kind, audience and answer deadline, so running it again sends
nothing twice; when the deadline moves (reopened after 不满意, extension approved, clock
restarted after the resident's reply) the new deadline is reminded of again, and the
notices about the old one are marked as done.
"""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone

from townsquare.core.privacy import mask_text
from townsquare.units.recipients import Recipients, send_each

from . import inbox
from .models import ExtensionRequest, RequestEvent, ResidentRequest, StaffNotice

logger = logging.getLogger(__name__)
Kind = StaffNotice.Kind


@dataclass
class Outcome:
    due_soon: int = 0
    overdue: int = 0
    extensions: int = 0
    emails: int = 0
    failed: int = 0

    def __str__(self):
        text = (
            f"即将超期{self.due_soon}件，已超期{self.overdue}件，延期待审批{self.extensions}件，发出邮件{self.emails}封"
        )
        return text + (f"，{self.failed}件发送失败（下次重试）" if self.failed else "")


def admin_link(request):
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    return base + reverse("resident_requests_detail", args=[request.pk])


def _when(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


SUBJECTS = {Kind.DUE_SOON: "留言即将超期", Kind.OVERDUE: "留言已超期", Kind.EXTENSION: "延期待审批"}


def _message(request, kind, for_county, extension=None):
    """Subject and body in plain words: what, by when, where to act."""
    unit = request.unit.display_name
    if kind == Kind.DUE_SOON:
        lead = f"{unit}承办的这条留言快到答复期限了，请在{_when(request.answer_due)}前答复留言人。"
    elif kind == Kind.OVERDUE:
        lead = f"{unit}承办的这条留言已超过答复期限（{_when(request.answer_due)}），请尽快答复。"
    else:
        lead = f"{unit}申请把这条留言的答复期限延长{extension.working_days}个工作日，理由：{extension.reason}。请审批。"
    if for_county and kind != Kind.EXTENSION:
        lead = "抄送县里：" + lead
    # Titles sometimes hold a phone number or a name; mail leaves our system, so mask them here too.
    title = mask_text(request.title, names=[request.contact_name])
    body = "\n".join(
        [
            "您好：",
            "",
            lead,
            "",
            f"受理编号：{request.tracking_number}",
            f"标题：{title}",
            f"类型：{request.get_request_type_display()}",
            f"承办单位：{request.unit}",
            f"答复期限：{_when(request.answer_due)}",
            f"去办理：{admin_link(request)}",
            "",
            "这封邮件由系统自动发送，请不要直接回复。",
        ]
    )
    return f"【{SUBJECTS[kind]}】{request.tracking_number} {title}", body


def _notify(request, kind, connection, now, extension=None, recipients=None):
    """Leave the unit's notice and the county's copy, e-mail both, record it.

    Returns (e-mails sent, whether anything new was noticed). Runs in one transaction:
    if sending fails, no notice is kept and the next run tries again.
    """
    recipients = recipients or Recipients()
    sent = 0
    with transaction.atomic():
        audiences = (
            [(True, recipients.county())]
            if kind == Kind.EXTENSION
            else [
                (False, recipients.unit(request.unit)),
                (True, recipients.county()),
            ]
        )
        created_any = False
        for for_county, addresses in audiences:
            notice, created = StaffNotice.objects.get_or_create(
                request=request,
                kind=kind,
                for_county=for_county,
                deadline=request.answer_due,
                defaults={"unit": request.unit, "created_at": now},
            )
            if not created:
                if kind != Kind.EXTENSION or notice.created_at >= extension.requested_at:
                    continue
                # A new extension request after an earlier one: remind again.
                notice.created_at, notice.read_at, notice.unit = now, None, request.unit
            else:
                # Notices about an earlier deadline of this request are out of date now.
                StaffNotice.objects.filter(
                    request=request, kind=kind, for_county=for_county, read_at__isnull=True
                ).exclude(pk=notice.pk).update(read_at=now)
            subject, body = _message(request, kind, for_county, extension)
            sent += send_each(subject, body, addresses, connection)
            notice.emailed_to = "\n".join(addresses)
            notice.save()
            created_any = True
        if created_any and kind != Kind.EXTENSION:
            action = RequestEvent.Action.REMINDED if kind == Kind.DUE_SOON else RequestEvent.Action.OVERDUE
            RequestEvent.objects.create(
                request=request,
                action=action,
                unit=request.unit,
                from_status=request.status,
                to_status=request.status,
                note=f"已提醒{request.unit.display_name}和县里：答复期限 {_when(request.answer_due)}。",
                is_public=False,
                at=now,
            )
    return sent, created_any


def send_reminders(now=None):
    now = now or timezone.now()
    outcome = Outcome()
    connection = get_connection()
    recipients = Recipients()
    work = []
    base = ResidentRequest.objects.select_related("unit")
    for kind, condition in ((Kind.OVERDUE, inbox.overdue_q(now)), (Kind.DUE_SOON, inbox.due_soon_q(now))):
        # Reminded already for the deadline it has now (an earlier deadline's notice does not count).
        already = StaffNotice.objects.filter(
            request=OuterRef("pk"), kind=kind, for_county=False, deadline=OuterRef("answer_due")
        )
        work += [(request, kind, None) for request in base.filter(condition).exclude(Exists(already))]
    pending = ExtensionRequest.objects.filter(decision=ExtensionRequest.Decision.PENDING).select_related(
        "request__unit"
    )
    for extension in pending:
        notice = (
            StaffNotice.objects.filter(
                request=extension.request,
                kind=Kind.EXTENSION,
                for_county=True,
                deadline=extension.request.answer_due,
            )
            .order_by("-created_at")
            .first()
        )
        if notice is None or notice.created_at < extension.requested_at:
            work.append((extension.request, Kind.EXTENSION, extension))
    for request, kind, extension in work:
        try:
            sent, created = _notify(request, kind, connection, now, extension, recipients)
        except Exception:  # one bad address or a mail server hiccup must not stop the others
            logger.exception("reminder for request %s (%s) failed", request.pk, kind)
            outcome.failed += 1
            continue
        outcome.emails += sent
        if created:
            field = {Kind.OVERDUE: "overdue", Kind.DUE_SOON: "due_soon", Kind.EXTENSION: "extensions"}[kind]
            setattr(outcome, field, getattr(outcome, field) + 1)
    return outcome


def notify_extension(extension, now=None):
    """Tell the county at once that an extension waits for its decision (the job would, a little later)."""
    try:
        _notify(extension.request, Kind.EXTENSION, get_connection(), now or timezone.now(), extension)
    except Exception:
        logger.exception("extension notice for request %s failed; the scheduled job will retry", extension.request_id)
