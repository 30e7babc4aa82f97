"""What the applicant hears besides the 告知书 (收到, 补正, 期限调整, 已答复, 回访), through core.notify.

The 告知书 PDFs still go by e-mail from notices.py; these are the short messages, by SMS too."""

from django.conf import settings
from django.urls import reverse

from townsquare.core.notify import notify_resident, schedule_followup
from townsquare.core.notify.texts import day


def _query_link():
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("disclosure_requests:query")


def tell(application, kind, key="", now=None, **params):
    return notify_resident(
        kind,
        application,
        reference=application.tracking_number,
        email=application.email,
        phone=application.phone,
        params=params,
        link=_query_link(),
        key=key,
        now=now,
    )


def accepted(application):
    due = day(application.answer_due)
    return tell(application, "application_accepted", key="once", now=application.received_at, due=due)


def correction_asked(application):
    return tell(application, "application_correction", key="once", now=application.correction_asked_at)


def deadline_moved(application, now):
    if application.answer_due is None:
        return []
    due = application.answer_due
    return tell(application, "application_deadline_moved", key=due.isoformat(), now=now, due=day(due))


def decided(application):
    made = tell(application, "application_decided", key="once", now=application.decided_at)
    schedule_followup(
        application,
        reference=application.tracking_number,
        email=application.email,
        phone=application.phone,
        answered_at=application.decided_at,
        number_label="申请编号",
    )
    return made
