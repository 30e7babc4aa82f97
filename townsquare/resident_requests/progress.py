"""What the resident hears about their request (受理, 请补充, 期限调整, 已答复, 回访), through core.notify."""

from django.conf import settings
from django.urls import reverse

from townsquare.core.notify import notify_resident, optout, schedule_followup
from townsquare.core.notify.texts import day


def _query_link():
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("resident_requests:query")


def tell(request, kind, key="", now=None, **params):
    return notify_resident(
        kind,
        request,
        reference=request.tracking_number,
        email=request.contact_email,
        phone=request.contact_phone,
        params=params,
        link=_query_link(),
        key=key,
        now=now,
    )


def accepted(request):
    return tell(request, "request_accepted", key="once", now=request.accepted_at, due=day(request.answer_due))


def more_info_asked(request, at):
    return tell(request, "request_more_info", key=at.isoformat(), now=at)


def deadline_moved(request, now):
    due = request.answer_due
    return tell(request, "request_deadline_moved", key=due.isoformat(), now=now, due=day(due))


def answered(request):
    made = tell(request, "request_answered", key=request.answered_at.isoformat(), now=request.answered_at)
    schedule_followup(
        request,
        reference=request.tracking_number,
        email=request.contact_email,
        phone=request.contact_phone,
        answered_at=request.answered_at,
    )
    return made


def opt_out(request):
    """The resident ticked 不用短信和邮件告诉我办理进度: their phone and e-mail get no more messages."""
    if request.contact_email:
        optout.opt_out("email", request.contact_email)
    if request.contact_phone:
        optout.opt_out("sms", request.contact_phone)
