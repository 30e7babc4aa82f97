"""What every endpoint shares: filters that need checking, unit references, local times."""

from datetime import date, datetime, time, timedelta

from django.db.models import Q
from django.utils import timezone
from ninja.errors import HttpError

EARLIEST, LATEST = date(2000, 1, 1), date(2100, 12, 31)
TEXT_MAX_CHARS = 50
SLUG_MAX_CHARS = 60
ID_MAX = 2**31 - 1


def clean_text(value):
    """A search word as the database may take it (no NUL, bounded), or ""."""
    return (value or "").replace("\x00", "").strip()[:TEXT_MAX_CHARS]


def date_range(since, until):
    """Aware [start, end) bounds of local days ``since``..``until`` (either may be None); 400 when out of range."""
    for day in (since, until):
        if day is not None and not EARLIEST <= day <= LATEST:
            raise HttpError(400, f"日期须在 {EARLIEST} 与 {LATEST} 之间。")
    if since and until and since > until:
        raise HttpError(400, "起始日期（since）不能晚于截止日期（until）。")
    start = timezone.make_aware(datetime.combine(since, time.min)) if since else None
    end = timezone.make_aware(datetime.combine(until + timedelta(days=1), time.min)) if until else None
    return start, end


def in_range(field, start, end):
    condition = Q()
    if start is not None:
        condition &= Q(**{f"{field}__gte": start})
    if end is not None:
        condition &= Q(**{f"{field}__lt": end})
    return condition


def in_town(field, town):
    """Rows whose unit (``field``) is the town with this slug or a unit under it (its villages)."""
    return Q(**{f"{field}__slug": town}) | Q(**{f"{field}__parent__slug": town})


def unit_ref(unit):
    return None if unit is None else {"slug": unit.slug, "name": unit.display_name}


def local(moment):
    return None if moment is None else timezone.localtime(moment)


def fact_value(value):
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return "" if value is None else str(value)
