"""Counting what residents do with the suggested answers, without knowing who they are.

The 留言 form's script reports an event (``AnswerTally.Event``) once per visit of the form: suggestions
shown, one opened, and arriving at the form through 没解决？继续留言. "Sent after opening" is counted by
the server when a request is stored with the form's mark (``knowledge_opened``), so a refused one is not. The
server adds one to the day's count: no cookie, no identifier, no text; the client address is used only
for the hourly limit (in the cache, hashed by ``core.ratelimit``) and never stored.

A 咨询 **answered before it was sent** is a visit that opened a suggestion and did not send the form:
``opened − sent_after_open``.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import F, Sum
from django.utils import timezone

from .models import AnswerTally

EVENTS = frozenset(AnswerTally.Event.values)
CLIENT_EVENTS = EVENTS - {AnswerTally.Event.SENT_AFTER_OPEN}  # what the form's script may report


def record(event, day=None):
    if event not in EVENTS:
        raise ValueError(f"unknown event {event!r}")
    day = day or timezone.localdate()
    rows = AnswerTally.objects.filter(day=day, event=event)
    if rows.update(count=F("count") + 1):
        return
    try:
        with transaction.atomic():
            AnswerTally.objects.create(day=day, event=event, count=1)
    except IntegrityError:  # another request created the day's row first
        rows.update(count=F("count") + 1)


@dataclass(frozen=True)
class Figures:
    days: int
    suggested: int
    opened: int
    sent_after_open: int
    continued: int

    @property
    def answered_before_sent(self):
        return max(self.opened - self.sent_after_open, 0)

    @property
    def answered_share(self):
        """Of the visits that opened a suggestion, the share that did not send (0–1), or None."""
        return self.answered_before_sent / self.opened if self.opened else None


def figures(days=30, today=None):
    today = today or timezone.localdate()
    since = today - timedelta(days=days - 1)
    totals = dict(
        AnswerTally.objects.filter(day__gte=since, day__lte=today)
        .values("event")
        .annotate(total=Sum("count"))
        .values_list("event", "total")
    )
    return Figures(
        days=days,
        suggested=totals.get(AnswerTally.Event.SUGGESTED, 0),
        opened=totals.get(AnswerTally.Event.OPENED, 0),
        sent_after_open=totals.get(AnswerTally.Event.SENT_AFTER_OPEN, 0),
        continued=totals.get(AnswerTally.Event.CONTINUED, 0),
    )
