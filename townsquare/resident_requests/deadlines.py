"""How long a unit has: acceptance and answer deadlines in working days (次日起算).

One function, ``recompute_deadlines``, derives both deadlines from the facts on the
request (when it arrived, its type's policy, working days paused while waiting for
the resident, approved extensions), so every change of those facts goes through it.
"""

from django.conf import settings
from django.utils import timezone

from townsquare.core.workdays import deadline_after, working_days_between

from .models import DeadlinePolicy


def policy_for(request_type):
    """The county's policy for a type, or the national defaults from settings."""
    policy = DeadlinePolicy.objects.filter(request_type=request_type).first()
    if policy is not None:
        return policy.accept_within, policy.answer_within
    return settings.REQUEST_ACCEPT_WORKING_DAYS, settings.REQUEST_ANSWER_WORKING_DAYS[request_type]


def paused_working_days(request, now=None):
    """Working days the clock has stood still, including a pause still running."""
    days = request.paused_working_days
    if request.paused_at is not None:
        now = now or timezone.now()
        days += working_days_between(timezone.localtime(request.paused_at).date(), timezone.localtime(now).date())
    return days


def recompute_deadlines(request, now=None, policy=None):
    accept_within, answer_within = policy or policy_for(request.request_type)
    request.accept_due = deadline_after(request.received_at, accept_within)
    # A request reopened after an unsatisfied rating gets a fresh answer period from then.
    request.answer_due = deadline_after(
        request.reopened_at or request.received_at,
        answer_within + paused_working_days(request, now) + request.extension_working_days,
    )
    return request


def _clock_running(request):
    """Open and not waiting for the resident: while the clock is paused the deadline still moves, so
    neither 即将超期 nor 已超期 applies (the same rule as ``inbox.due_soon_q`` / ``inbox.overdue_q``)."""
    return request.is_open and request.paused_at is None


def is_due_soon(request, now=None):
    """True when a running request's answer is due within the next REQUEST_REMIND_WORKING_DAYS working days."""
    now = now or timezone.now()
    return _clock_running(request) and (
        now <= request.answer_due <= deadline_after(now, settings.REQUEST_REMIND_WORKING_DAYS)
    )


def is_overdue(request, now=None):
    now = now or timezone.now()
    return _clock_running(request) and request.answer_due < now
