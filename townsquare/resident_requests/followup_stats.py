"""回访 figures: what residents said when asked "问题解决了吗？" a week after the answer, per unit and year.

Counted over the year's requests (received in the year, Beijing time, merged duplicates left out,
for the unit responsible now — like ``statistics``): 回访 are the requests whose 回访 message went
out (or that were rated); each is 已解决, 部分解决 or 未解决 as the resident answered, or 未回答.
One grouped query for every unit, kept by ``pagecache.remember`` until a request, a message or an
answer changes (the tables it read), REQUEST_STATS_CACHE_SECONDS at the longest.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Exists, OuterRef, Q, Subquery

from townsquare.core import pagecache
from townsquare.core.models import Delivery, FollowupRating

from .models import ResidentRequest, Status
from .statistics import Rate, year_requests

Outcome = FollowupRating.Outcome


@dataclass(frozen=True)
class FollowupFigures:
    asked: int = 0
    solved: int = 0
    partly: int = 0
    unsolved: int = 0

    def __add__(self, other):
        return FollowupFigures(**{f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(self)})

    @property
    def unanswered(self):
        return max(self.asked - self.solved - self.partly - self.unsolved, 0)

    @property
    def solved_rate(self):
        return Rate(self.solved, self.asked)

    @property
    def partly_rate(self):
        return Rate(self.partly, self.asked)

    @property
    def unsolved_rate(self):
        return Rate(self.unsolved, self.asked)

    @property
    def unanswered_rate(self):
        return Rate(self.unanswered, self.asked)


def by_unit(year, units=None):
    """{unit id: FollowupFigures} for ``year`` (one query); units without requests that year are missing."""
    case_type = ContentType.objects.get_for_model(ResidentRequest)
    cases = {"case_type": case_type, "case_id": OuterRef("pk")}
    sent = Exists(Delivery.objects.filter(kind="followup", status=Delivery.Status.SENT, **cases))
    outcome = Subquery(FollowupRating.objects.filter(**cases).values("outcome")[:1])
    rows = (
        year_requests(year, units)
        .exclude(status=Status.MERGED)
        .annotate(followup_sent=sent, followup_outcome=outcome)
        .values("unit_id")
        .annotate(
            asked=Count("pk", filter=Q(followup_sent=True) | Q(followup_outcome__isnull=False)),
            solved=Count("pk", filter=Q(followup_outcome=Outcome.SOLVED)),
            partly=Count("pk", filter=Q(followup_outcome=Outcome.PARTLY)),
            unsolved=Count("pk", filter=Q(followup_outcome=Outcome.UNSOLVED)),
        )
        .order_by()
    )
    return {row.pop("unit_id"): FollowupFigures(**row) for row in rows}


@dataclass(frozen=True)
class FollowupRow:
    label: str
    figures: FollowupFigures


def table(year, unit_rows, total_label, all_units):
    """The rows to show, one per unit of the statistics (their order), and the total; cached for the page."""
    units = None if all_units else [row.unit for row in unit_rows]
    ids = "all" if all_units else ",".join(str(unit.pk) for unit in units)
    figures = pagecache.remember(
        f"resident_requests:followups:{year}:{ids}",
        lambda: by_unit(year, units),
        settings.REQUEST_STATS_CACHE_SECONDS,
    )
    rows = [FollowupRow(row.label, figures.get(row.unit.pk, FollowupFigures())) for row in unit_rows]
    total = FollowupFigures()
    for each in figures.values() if all_units else (row.figures for row in rows):
        total = total + each
    return rows, FollowupRow(total_label, total)
