"""/api/v1/statistics/…: the public figures of 我要留言 (as /liuyan/stats/) and 依申请公开
(as /gongkai/shenqing/tongji/).

Both come from their apps' own functions (``resident_requests.stats_cache``,
``disclosure_requests.statistics``): counts only, never an applicant's or a resident's data.
Units are listed in their usual order, never ranked by their figures.
"""

from django.utils import timezone
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from townsquare.disclosure_requests import outcomes
from townsquare.disclosure_requests import statistics as disclosure_statistics
from townsquare.disclosure_requests.forms import applying_units
from townsquare.disclosure_requests.models import Application
from townsquare.resident_requests import stats_cache

from . import schemas
from .common import SLUG_MAX_CHARS, unit_ref

router = Router(tags=["statistics"])


class YearFilter(Schema):
    year: int = Field(default=0, ge=0, le=9999, description="年份；0 或不填为今年")
    unit: str = Field(default="", max_length=SLUG_MAX_CHARS, description="单位的 slug；不填为全县")


def _figures(figures):
    return {
        "received": figures.received,
        "merged": figures.merged,
        "declined": figures.declined,
        "answered": figures.answered,
        "still_open": figures.still_open,
        "overdue_open": figures.overdue_open,
        "rated": figures.rated,
        "response_rate": figures.response_rate.percent,
        "on_time_rate": figures.on_time_rate.percent,
        "solved_rate": figures.solved_rate.percent,
        "satisfied_rate": figures.satisfied_rate.percent,
        "average_days": figures.average_days,
        "average_working_days": figures.average_working_days,
    }


def _month(month):
    figures, future = month.figures, month.is_future
    return {
        "month": month.month.month,
        "received": None if future else figures.received,
        "answered": None if future else figures.answered,
        "response_rate": None if future else figures.response_rate.percent,
        "on_time_rate": None if future else figures.on_time_rate.percent,
        "satisfied_rate": None if future else figures.satisfied_rate.percent,
    }


def _row(row):
    return {"unit": unit_ref(row.unit), "label": row.label, "total": _figures(row.total), "months": _month_list(row)}


def _month_list(row):
    return [_month(month) for month in row.months]


@router.get(
    "/requests/",
    response={200: schemas.RequestStatistics, 400: schemas.Error},
    summary="我要留言办理情况（按年、按单位、按月）",
)
def request_statistics(request, filters: Query[YearFilter]):
    """全县合计和各办理单位一年里每月的收件、办结、按期率和满意率，与网站“留言办理情况”一致。"""
    now = timezone.now()
    years = stats_cache.available_years(now)
    year = filters.year or years[0]
    if year not in years:
        raise HttpError(400, f"没有 {year} 年的数据；可查询的年份：{'、'.join(str(y) for y in years)}。")
    stats = stats_cache.year_statistics(year, now=now)
    rows = [stats.total, *stats.rows]
    if filters.unit:
        rows = [row for row in stats.rows if row.unit is not None and row.unit.slug == filters.unit]
        if not rows:
            raise HttpError(400, "这个单位没有留言办理数据，单位见 /api/v1/units/。")
    return {"year": year, "years": years, "rows": [_row(row) for row in rows]}


def _disclosure_month(month):
    return {
        "month": month.number,
        "received": month.received,
        "answered": month.answered,
        "on_time": month.on_time,
        "by_outcome": dict(month.by_group),
    }


@router.get(
    "/disclosure/",
    response={200: schemas.DisclosureStatistics, 400: schemas.Error},
    summary="依申请公开每月统计",
)
def disclosure_statistics_view(request, filters: Query[YearFilter]):
    """一年里每月收到、答复和按期答复的政府信息公开申请，以及答复结果的分类。"""
    this_year = timezone.localdate().year
    first = Application.objects.order_by("received_at").values_list("received_at", flat=True).first()
    first_year = min(timezone.localtime(first).year, this_year) if first else this_year
    year = filters.year or this_year
    if not first_year <= year <= this_year:
        raise HttpError(400, f"年份须在 {first_year} 与 {this_year} 之间。")
    unit = None
    if filters.unit:
        unit = applying_units().filter(slug=filters.unit).first()
        if unit is None:
            raise HttpError(400, "这个单位不受理依申请公开，单位见 /api/v1/units/。")
    months = disclosure_statistics.monthly(unit, year)
    return {
        "year": year,
        "unit": unit_ref(unit),
        "outcome_labels": dict(outcomes.SHORT_GROUP),
        "months": [_disclosure_month(month) for month in months],
        "total": _disclosure_month(disclosure_statistics.totals(months)),
    }
