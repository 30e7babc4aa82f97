"""What the recorded availability checks add up to: checks and failures per day and per week.

A check (one run of the probe, every page it opens sharing ``checked_at``) fails when any page failed.
The window the veto is judged on is the AVAILABILITY_WINDOW_DAYS days up to ``now`` (today so far
included): failed checks reaching AVAILABILITY_FAILURE_SHARE of them is 站点无法访问. A finished day
with fewer than AVAILABILITY_MIN_CHECKS_PER_DAY checks is 监测次数不足 (from the day after the first
check ever; the first day and today are partial). ``window(now)`` and ``weeks(now)`` cost two queries.
"""

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, Min, Q
from django.utils import timezone

from .models import AvailabilityCheck, Outage

HISTORY_WEEKS = 8  # how many past windows the dashboard lists


@dataclass
class Day:
    date: object
    checks: int = 0
    failures: int = 0
    finished: bool = True  # a whole day of monitoring (not today, not before or on the first day of checks)
    monitored: bool = True  # on or after the first day of checks

    @property
    def too_few(self):
        return self.finished and self.checks < settings.AVAILABILITY_MIN_CHECKS_PER_DAY


@dataclass
class Window:
    start: object  # first day
    end: object  # last day
    checks: int = 0
    failures: int = 0
    days: list = field(default_factory=list)

    @property
    def share(self):
        return Decimal(self.failures) / Decimal(self.checks) if self.checks else None

    @property
    def percent(self):
        """The failed share as words, e.g. "1.8%"."""
        return "—" if self.share is None else f"{self.share * 100:.1f}%"

    @property
    def vetoed(self):
        """Failed checks at or above the threshold share of the window's checks (站点无法访问)."""
        threshold = Decimal(str(settings.AVAILABILITY_FAILURE_SHARE))
        return self.checks > 0 and Decimal(self.failures) >= threshold * self.checks

    @property
    def days_too_few(self):
        return [day for day in self.days if day.too_few]


def threshold_percent():
    return f"{settings.AVAILABILITY_FAILURE_SHARE * 100:g}%"


def _midnight(day):
    return timezone.make_aware(datetime.combine(day, time.min))


def checks_between(since, until):
    """[(checked_at, failed)] of every check from ``since`` to ``until``, oldest first (one query)."""
    rows = (
        AvailabilityCheck.objects.filter(checked_at__gte=since, checked_at__lte=until)
        .values("checked_at")
        .annotate(failed=Count("pk", filter=Q(ok=False)))
        .order_by("checked_at")
        .values_list("checked_at", "failed")
    )
    return [(checked_at, failed > 0) for checked_at, failed in rows]


def first_check_day():
    first = AvailabilityCheck.objects.aggregate(first=Min("checked_at"))["first"]
    return timezone.localdate(first) if first else None


def _windows(now, count):
    """The current window and the ``count - 1`` before it, newest first, from two queries."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    length = settings.AVAILABILITY_WINDOW_DAYS
    oldest = today - timedelta(days=length * count - 1)
    per_day = {}
    for checked_at, failed in checks_between(_midnight(oldest), now):
        day = per_day.setdefault(timezone.localdate(checked_at), [0, 0])
        day[0] += 1
        day[1] += int(failed)
    first = first_check_day()
    windows = []
    for index in range(count):
        end = today - timedelta(days=length * index)
        window = Window(start=end - timedelta(days=length - 1), end=end)
        for offset in range(length):
            date = window.start + timedelta(days=offset)
            checks, failures = per_day.get(date, (0, 0))
            monitored = first is not None and date >= first
            window.days.append(Day(date, checks, failures, monitored and first < date < today, monitored))
            window.checks += checks
            window.failures += failures
        windows.append(window)
    return windows


def window(now=None):
    """The window the veto is judged on: the last AVAILABILITY_WINDOW_DAYS days, today so far included."""
    return _windows(now, 1)[0]


def weeks(now=None, count=HISTORY_WEEKS):
    """The current window and the windows before it, newest first."""
    return _windows(now, count)


def open_outage():
    return Outage.objects.filter(ended_at__isnull=True).order_by("started_at").first()
