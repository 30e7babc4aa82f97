"""Every due date of an application, derived from its facts (《政府信息公开条例》arts. 30, 32, 33).

- The answer is due DISCLOSURE_ANSWER_WORKING_DAYS working days after receipt (次日起算, at the end of the
  working day, core.workdays).
- A 补正 request must go out within DISCLOSURE_CORRECTION_REQUEST_WORKING_DAYS of receipt. Once asked, the
  clock stands still; when the completed application arrives the period runs again, in full, from that day.
- The working days a third party has for its opinion (from the day after it was asked until its answer, or
  today while it runs; at most DISCLOSURE_THIRD_PARTY_WORKING_DAYS each, overlapping ones counted once) are
  not counted.
- An approved extension adds its working days (at most DISCLOSURE_EXTENSION_MAX_WORKING_DAYS).

``due_dates(application)`` computes; ``recompute(application)`` stores them on the application.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.utils import timezone

from townsquare.core.workdays import deadline_after, is_working_day, working_days_after


@dataclass(frozen=True)
class Deadlines:
    correction_due: datetime
    answer_due: datetime | None  # None while the applicant's 补正 is awaited (the clock stands still)
    not_counted: int  # working days of third-party consultation left out
    clock_start: datetime


def _local_day(moment):
    return timezone.localtime(moment).date()


def consultation_days(periods, today):
    """The working days left out for consultations: ``periods`` are (sent, answered or None) moments."""
    limit = settings.DISCLOSURE_THIRD_PARTY_WORKING_DAYS
    days: set[date] = set()
    for sent, answered in periods:
        last = _local_day(answered) if answered else today
        end = min(last, working_days_after(_local_day(sent), limit))
        day = _local_day(sent)
        while day < end:
            day += timedelta(days=1)
            if is_working_day(day):
                days.add(day)
    return len(days)


def due_dates(application, now=None, consultations=None):
    """The application's due dates from its facts; ``consultations`` as (sent, answered) pairs if already read."""
    now = now or timezone.now()
    correction_due = deadline_after(application.received_at, settings.DISCLOSURE_CORRECTION_REQUEST_WORKING_DAYS)
    start = application.correction_answered_at or application.received_at
    if consultations is None:
        consultations = [(c.sent_at, c.answered_at) for c in application.consultations.all()] if application.pk else []
    # Only consultations while the clock runs count; one before a 补正 restart is inside the restarted period.
    periods = [(sent, answered) for sent, answered in consultations if sent >= start]
    not_counted = consultation_days(periods, _local_day(now))
    if application.correction_asked_at and not application.correction_answered_at:
        answer_due = None
    else:
        working_days = settings.DISCLOSURE_ANSWER_WORKING_DAYS + application.extension_working_days + not_counted
        answer_due = deadline_after(start, working_days)
    return Deadlines(correction_due, answer_due, not_counted, start)


def recompute(application, now=None):
    dates = due_dates(application, now)
    application.correction_due = dates.correction_due
    application.answer_due = dates.answer_due
    return application


def clock_running(application):
    """Open, not waiting for the applicant's 补正 nor for a third party: 即将超期 and 已超期 apply only then."""
    from .models import Status

    return application.status == Status.RECEIVED


def is_overdue(application, now=None):
    now = now or timezone.now()
    return clock_running(application) and application.answer_due is not None and application.answer_due < now


def is_due_soon(application, now=None):
    now = now or timezone.now()
    soon = deadline_after(now, settings.DISCLOSURE_REMIND_WORKING_DAYS)
    return clock_running(application) and application.answer_due is not None and now <= application.answer_due <= soon
