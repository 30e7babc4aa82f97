"""Figures of 依申请公开: the public monthly statistics and the 公开年报's section 三 table (国办公开办函〔2021〕30号).

Only counts and application ids leave this module; no applicant's data. Every figure is computed from the
applications in one query (bounded, whatever the number of applications).
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Q
from django.utils import timezone

from . import outcomes
from .models import ApplicantType, Application, OrganisationKind

COLUMNS = [("person", "自然人")] + [(kind.value, kind.label) for kind in OrganisationKind] + [("total", "总计")]
ORGANISATION_COLUMNS = [kind.value for kind in OrganisationKind]


def year_bounds(year):
    start = timezone.make_aware(datetime(year, 1, 1))
    return start, timezone.make_aware(datetime(year + 1, 1, 1))


def _applications(unit, since=None, until=None):
    rows = Application.objects.all()
    if unit is not None:
        rows = rows.filter(unit=unit)
    if until is not None:
        rows = rows.filter(received_at__lt=until)
    if since is not None:
        # Received since, or still open at ``since``, or decided since: all that can appear in the figures.
        rows = rows.filter(Q(received_at__gte=since) | Q(decided_at__isnull=True) | Q(decided_at__gte=since))
    return rows.values(
        "pk", "received_at", "decided_at", "decided_on_time", "outcome", "applicant_type", "organisation_kind"
    )


# --- the monthly statistics ------------------------------------------------------------------------------


@dataclass
class Month:
    number: int
    received: int = 0
    answered: int = 0
    on_time: int = 0
    by_group: dict = field(default_factory=dict)

    @property
    def on_time_share(self):
        return round(100 * self.on_time / self.answered) if self.answered else None


def monthly(unit, year):
    """Twelve months of ``year`` (local time): received, answered, answered on time, outcomes by group."""
    start, end = year_bounds(year)
    months = [Month(n, by_group={code: 0 for code in outcomes.SHORT_GROUP}) for n in range(1, 13)]
    for row in _applications(unit, since=start, until=end):
        received = timezone.localtime(row["received_at"])
        if received.year == year:
            months[received.month - 1].received += 1
        if row["decided_at"] is not None and start <= row["decided_at"] < end:
            month = months[timezone.localtime(row["decided_at"]).month - 1]
            month.answered += 1
            month.on_time += bool(row["decided_on_time"])
            month.by_group[outcomes.group_of(row["outcome"])] += 1
    return months


def totals(months):
    total = Month(0, by_group={code: 0 for code in outcomes.SHORT_GROUP})
    for month in months:
        total.received += month.received
        total.answered += month.answered
        total.on_time += month.on_time
        for code, count in month.by_group.items():
            total.by_group[code] += count
    return total


# --- the annual report's table ---------------------------------------------------------------------------


@dataclass
class Cell:
    ids: list = field(default_factory=list)

    @property
    def count(self):
        return len(self.ids)


@dataclass
class Row:
    key: str
    label: str
    level: int  # 0: the four numbered rows, 1: outcome groups, 2: their numbered items
    cells: dict | None  # column -> Cell; None for a heading without figures of its own

    def count(self, column="total"):
        return self.cells[column].count if self.cells else None


def _column(row):
    if row["applicant_type"] == ApplicantType.PERSON:
        return "person"
    return row["organisation_kind"] if row["organisation_kind"] in ORGANISATION_COLUMNS else "other"


def _row(key, label, level, rows):
    cells = {column: Cell() for column, _ in COLUMNS}
    for row in rows:
        cells[_column(row)].ids.append(row["pk"])
        cells["total"].ids.append(row["pk"])
    return Row(key, label, level, cells)


def annual_table(unit, year):
    """Section 三 of the 公开年报 for ``unit`` (None: the whole county) and ``year``.

    Rows 一 to 四 by the columns 自然人, 法人或其他组织 (商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他), 总计;
    each cell lists the ids of the applications behind it."""
    start, end = year_bounds(year)
    rows = list(_applications(unit, since=start, until=end))
    received = [r for r in rows if r["received_at"] >= start]
    carried_in = [r for r in rows if r["received_at"] < start and (r["decided_at"] is None or r["decided_at"] >= start)]
    decided = [r for r in rows if r["decided_at"] is not None and start <= r["decided_at"] < end]
    carried_out = [r for r in rows if r["decided_at"] is None or r["decided_at"] >= end]
    table = [
        _row("received", "一、本年新收政府信息公开申请数量", 0, received),
        _row("carried_in", "二、上年结转政府信息公开申请数量", 0, carried_in),
        Row("results", "三、本年度办理结果", 0, None),
    ]
    for group, label, items in outcomes.GROUPS:
        if not items:
            table.append(_row(group, label, 1, [r for r in decided if r["outcome"] == group]))
            continue
        table.append(Row(group, label, 1, None))
        for number, text in enumerate(items, 1):
            code = f"{group}.{number}"
            table.append(_row(code, f"{number}．{text}", 2, [r for r in decided if r["outcome"] == code]))
    table.append(_row("decided_total", "（七）总计", 1, decided))
    table.append(_row("carried_out", "四、结转下年度继续办理", 0, carried_out))
    return table
