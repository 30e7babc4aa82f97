"""接诉即办 figures: how many requests each unit received per month, and how well it answered them.

Definitions (the public page and the admin explain them in the same words)
--------------------------------------------------------------------------
All figures are about the requests **received** in a month (Beijing time, Asia/Shanghai),
counted for the unit that is responsible for them now (after any transfer). A request
received on 31 January at 23:30 belongs to January, whenever it was answered. So the
figures of a recent month still move while its requests are being handled.

* 收到 (received): requests received in the month. Duplicates merged into another case
  (status "merged", 重复诉求并单处理 under 国办函〔2025〕66号) are **not** counted: the case
  they were merged into counts once. They are shown separately as 并案.
* 响应率 (responded on time): requests accepted by their acceptance deadline
  (``accepted_at <= accept_due``; answering before that deadline counts as accepting, as
  ``handling.answer`` sets ``accepted_at``), or declined with a reason by that deadline,
  divided by the requests whose acceptance is settled: accepted, declined, or past the
  acceptance deadline. A request that arrived an hour ago and is still waiting neither
  helps nor hurts.
* 按期办结率 (answered on time): requests answered by their answer deadline
  (``answered_at <= answer_due``; the deadline already includes pauses while waiting for the
  resident and approved extensions) divided by the requests that were due: answered, plus
  open ones whose answer deadline has passed (not while paused for the resident). Declined
  requests are left out. A request reopened after 不满意 is judged by its latest answer and
  its fresh deadline.
* 满意率 (satisfied): ratings 满意 or 基本满意 divided by all rated requests (the latest
  rating counts).
* 解决率 (solved): rated requests the resident found solved the first time — rated 满意 or
  基本满意 and never reopened after 不满意 — divided by all rated requests. A request that
  needed a second answer counts as rated but not as solved at once.
* 平均办理用时 (average time to answer): over answered requests, from receipt to the
  (latest) answer, in calendar days, and in working days of China's calendar counted like
  deadlines (次日起算: answered on the day of receipt = 0 working days), see
  ``townsquare.core.workdays.working_days_between``.

Every rate carries its numerator and denominator (shown as "12/15"), so a reader can
see how few cases lie behind a percentage.

Cost: one aggregate query for all units and months (conditional ``Count(filter=...)``
grouped by unit and month), one grouped query for the working days (by unit and pair of
local dates, so its rows grow with distinct dates, not with requests), one for the
earliest year, and the list of units: a fixed number of queries however many requests
there are. Works on SQLite and PostgreSQL. The pages read them through ``stats_cache``, which
keeps them until a request changes or ``next_change`` says the clock moves them.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date, datetime, timedelta
from functools import cached_property
from zoneinfo import ZoneInfo

from django.db.models import Count, DurationField, Exists, ExpressionWrapper, F, Min, OuterRef, Q, Sum
from django.db.models.functions import TruncDate, TruncMonth
from django.utils import timezone

from townsquare.core.workdays import is_working_day
from townsquare.units.models import Unit

from .models import OPEN_STATUSES, Category, RequestEvent, ResidentRequest, Status

STATS_TIMEZONE = ZoneInfo("Asia/Shanghai")
MONTHS = range(1, 13)


@dataclass(frozen=True)
class Rate:
    """A share with the counts behind it: ``str(rate)`` is "93.3%", ``rate.fraction`` "14/15"."""

    numerator: int
    denominator: int

    @property
    def percent(self):
        """Percentage rounded to one decimal, or None when there is nothing to divide by."""
        if not self.denominator:
            return None
        return round(100 * self.numerator / self.denominator, 1)

    @property
    def fraction(self):
        return f"{self.numerator}/{self.denominator}"

    def __str__(self):
        percent = self.percent
        if percent is None:
            return "—"
        return f"{percent:g}%"


@dataclass
class Figures:
    """The counts for one unit (or the county) over one month (or a year); rates derive from them."""

    received: int = 0
    merged: int = 0
    declined: int = 0
    response_settled: int = 0
    responded_on_time: int = 0
    answers_due: int = 0
    answered: int = 0
    answered_on_time: int = 0
    overdue_open: int = 0
    still_open: int = 0
    rated: int = 0
    satisfied: int = 0
    basically_satisfied: int = 0
    unsatisfied: int = 0
    solved_first_time: int = 0
    answer_time: timedelta = field(default_factory=timedelta)
    answer_working_days: int = 0

    def __add__(self, other):
        return Figures(**{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(self)})

    @property
    def response_rate(self):
        return Rate(self.responded_on_time, self.response_settled)

    @property
    def on_time_rate(self):
        return Rate(self.answered_on_time, self.answers_due)

    @property
    def solved_rate(self):
        return Rate(self.solved_first_time, self.rated)

    @property
    def satisfied_rate(self):
        return Rate(self.satisfied + self.basically_satisfied, self.rated)

    @property
    def average_days(self):
        """Calendar days from receipt to answer, one decimal; None before anything was answered."""
        if not self.answered:
            return None
        return round(self.answer_time.total_seconds() / 86400 / self.answered, 1)

    @property
    def average_working_days(self):
        if not self.answered:
            return None
        return round(self.answer_working_days / self.answered, 1)

    @property
    def is_empty(self):
        return not (self.received or self.merged)


@dataclass
class MonthFigures:
    month: date
    figures: Figures
    # A month that has not begun yet (shown as "—", not as zeros).
    is_future: bool = False

    @property
    def label(self):
        return f"{self.month.month}月"


@dataclass
class YearRow:
    """Twelve months and the year's total for one unit, or for all units shown (unit None)."""

    unit: Unit | None
    months: list[MonthFigures]
    name: str = ""

    @cached_property
    def total(self):
        total = Figures()
        for month in self.months:
            total = total + month.figures
        return total

    @property
    def past_months(self):
        """The months that have begun (a table of the current year stops at this month)."""
        return [month for month in self.months if not month.is_future]

    @property
    def label(self):
        if self.name:
            return self.name
        return self.unit.display_name if self.unit is not None else "全县合计"


@dataclass
class YearStatistics:
    year: int
    rows: list[YearRow]
    total: YearRow

    def row_for(self, unit):
        """The row of ``unit`` (None: the total)."""
        if unit is None:
            return self.total
        for row in self.rows:
            if row.unit is not None and row.unit.pk == unit.pk:
                return row
        raise KeyError(unit)


def year_bounds(year):
    """The first moment of the year and of the next, in Beijing time."""
    return datetime(year, 1, 1, tzinfo=STATS_TIMEZONE), datetime(year + 1, 1, 1, tzinfo=STATS_TIMEZONE)


def reporting_units():
    """Units that answer requests (a category points to them, or they hold requests), in their normal order.

    Units are listed by their usual order (sort_order), never by their figures: no ranking
    for its own sake (国办函〔2025〕66号).
    """
    has_category = Exists(Category.objects.filter(unit=OuterRef("pk")))
    has_requests = Exists(ResidentRequest.objects.filter(unit=OuterRef("pk")))
    return Unit.objects.filter(has_category | has_requests).order_by("sort_order", "id")


def available_years(now=None):
    """Years with figures, newest first: from the first request received to this year (one query)."""
    this_year = timezone.localtime(now or timezone.now(), STATS_TIMEZONE).year
    first = ResidentRequest.objects.aggregate(first=Min("received_at"))["first"]
    first_year = timezone.localtime(first, STATS_TIMEZONE).year if first else this_year
    return list(range(this_year, min(first_year, this_year) - 1, -1))


def _aggregates(now):
    """Conditional counts per group; all refer to requests that are not merged duplicates."""
    kept = ~Q(status=Status.MERGED)
    declined_in_time = Exists(
        RequestEvent.objects.filter(
            request=OuterRef("pk"), action=RequestEvent.Action.DECLINED, at__lte=OuterRef("accept_due")
        )
    )
    declined = Q(status=Status.DECLINED)
    answered = Q(answered_at__isnull=False)
    open_ = Q(status__in=OPEN_STATUSES)
    overdue = open_ & Q(paused_at__isnull=True, answer_due__lt=now)
    rated = kept & ~Q(rating="")
    good = Q(rating__in=["satisfied", "basically"])
    return {
        "received": Count("pk", filter=kept),
        "merged": Count("pk", filter=Q(status=Status.MERGED)),
        "declined": Count("pk", filter=declined),
        "response_settled": Count(
            "pk", filter=kept & (Q(accepted_at__isnull=False) | declined | Q(accept_due__lt=now))
        ),
        "responded_on_time": Count(
            "pk", filter=kept & (Q(accepted_at__lte=F("accept_due")) | (declined & declined_in_time))
        ),
        "answers_due": Count("pk", filter=kept & (answered | overdue)),
        "answered": Count("pk", filter=kept & answered),
        "answered_on_time": Count("pk", filter=kept & answered & Q(answered_at__lte=F("answer_due"))),
        "overdue_open": Count("pk", filter=overdue),
        "still_open": Count("pk", filter=open_),
        "rated": Count("pk", filter=rated),
        "satisfied": Count("pk", filter=rated & Q(rating="satisfied")),
        "basically_satisfied": Count("pk", filter=rated & Q(rating="basically")),
        "unsatisfied": Count("pk", filter=rated & Q(rating="unsatisfied")),
        "solved_first_time": Count("pk", filter=rated & good & Q(reopened_count=0)),
        "answer_time": Sum(
            ExpressionWrapper(F("answered_at") - F("received_at"), output_field=DurationField()),
            filter=kept & answered,
        ),
    }


def _local_month(value):
    """TruncMonth's value as a month number in Beijing time (backends return aware datetimes or dates)."""
    if isinstance(value, datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value, STATS_TIMEZONE)
        return value.month
    return value.month


class _WorkingDayCounter:
    """Working days between two dates via a running count over the span, one calendar lookup per day.

    Same result as ``workdays.working_days_between`` (working days after ``start`` up to and
    including ``end``), but each pair costs O(1) once the span is indexed.
    """

    def __init__(self, first, last):
        self.first = first
        self.running = []
        count, day = 0, first
        while day <= last:
            if is_working_day(day):
                count += 1
            self.running.append(count)
            day += timedelta(days=1)

    def between(self, start, end):
        if end <= start:
            return 0
        return self.running[(end - self.first).days] - self.running[(start - self.first).days]


def _working_days(requests):
    """{(unit_id, month): total working days to answer} with one grouped query."""
    pairs = list(
        requests.exclude(status=Status.MERGED)
        .filter(answered_at__isnull=False)
        .annotate(
            received_on=TruncDate("received_at", tzinfo=STATS_TIMEZONE),
            answered_on=TruncDate("answered_at", tzinfo=STATS_TIMEZONE),
        )
        .values("unit_id", "received_on", "answered_on")
        .annotate(n=Count("pk"))
        .order_by()
    )
    if not pairs:
        return {}
    counter = _WorkingDayCounter(
        min(p["received_on"] for p in pairs), max(max(p["answered_on"], p["received_on"]) for p in pairs)
    )
    totals = {}
    for pair in pairs:
        key = (pair["unit_id"], pair["received_on"].month)
        totals[key] = totals.get(key, 0) + pair["n"] * counter.between(pair["received_on"], pair["answered_on"])
    return totals


def year_requests(year, units=None):
    """Requests received in ``year`` (Beijing time), of ``units`` only unless None."""
    start, end = year_bounds(year)
    requests = ResidentRequest.objects.filter(received_at__gte=start, received_at__lt=end)
    if units is not None:
        requests = requests.filter(unit__in=[unit.pk for unit in units])
    return requests


def next_change(year, units=None, now=None):
    """When ``year_statistics(year, units)`` next changes with the clock alone (one query).

    The first of: a waiting request's acceptance deadline (it becomes settled and late), an
    open request's answer deadline (it becomes due and overdue; not while paused), the start of
    the next month (a row opens). Any change of a request itself is another matter (see
    ``stats_cache``).
    """
    now = now or timezone.now()
    local = timezone.localtime(now, STATS_TIMEZONE)
    next_month = datetime(local.year + local.month // 12, local.month % 12 + 1, 1, tzinfo=STATS_TIMEZONE)
    waiting = Q(accepted_at__isnull=True, accept_due__gte=now) & ~Q(status__in=[Status.MERGED, Status.DECLINED])
    running = Q(status__in=OPEN_STATUSES, paused_at__isnull=True, answer_due__gte=now)
    deadlines = year_requests(year, units).aggregate(
        accept=Min("accept_due", filter=waiting), answer=Min("answer_due", filter=running)
    )
    return min(moment for moment in (next_month, deadlines["accept"], deadlines["answer"]) if moment is not None)


def year_statistics(year, units=None, now=None):
    """Figures for ``year``: one row of 12 months per unit and a total row over those units.

    ``units``: the units to report, in the order to show them (default: every unit that
    answers requests, see ``reporting_units``; the total is then the whole county). When a
    list is given, only those units' requests are counted and the total sums them.
    Rows come in the order of ``units``; nothing is ranked.
    """
    now = now or timezone.now()
    all_units = units is None
    units = list(reporting_units() if all_units else units)
    requests = year_requests(year, None if all_units else units)

    grouped = (
        requests.annotate(month=TruncMonth("received_at", tzinfo=STATS_TIMEZONE))
        .values("unit_id", "month")
        .annotate(**_aggregates(now))
        .order_by()
    )
    counts = {}
    for group in grouped:
        unit_id, month = group.pop("unit_id"), _local_month(group.pop("month"))
        group["answer_time"] = group["answer_time"] or timedelta()
        key = (unit_id, month)
        counts[key] = counts.get(key, Figures()) + Figures(**group)
    for key, days in _working_days(requests).items():
        counts.setdefault(key, Figures()).answer_working_days += days

    this_month = timezone.localtime(now, STATS_TIMEZONE).date().replace(day=1)

    def row(unit, unit_ids, name=""):
        months = []
        for month in MONTHS:
            figures = Figures()
            for unit_id in unit_ids:
                figures = figures + counts.get((unit_id, month), Figures())
            first_day = date(year, month, 1)
            months.append(MonthFigures(first_day, figures, is_future=first_day > this_month))
        return YearRow(unit, months, name)

    rows = [row(unit, [unit.pk]) for unit in units]
    # The county total counts every request, also those of a unit no longer listed.
    total_ids = {unit_id for unit_id, _ in counts} if all_units else {unit.pk for unit in units}
    total = row(None, total_ids, name="" if all_units else "合计")
    return YearStatistics(year=year, rows=rows, total=total)
