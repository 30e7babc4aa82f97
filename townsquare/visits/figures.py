"""Visit figures read from the stored daily counts: the annual report's, and per address for the editors."""

from datetime import timedelta

from django.db.models import Sum
from django.utils import timezone

from .models import DailyVisitors, PageVisits


def days_between(start, end):
    """The local dates of ``[start, end)`` (aware datetimes), as (first, last)."""
    return timezone.localdate(start), timezone.localdate(end - timedelta(microseconds=1))


def annual(unit, start, end):
    """``page_views`` (网站总访问量) and, for the whole site, ``visitors`` (独立用户访问总量: the sum of each day's
    different visitors); nothing for a year without counts, so the report falls back to its settings."""
    first, last = days_between(start, end)
    site_views = PageVisits.objects.filter(day__gte=first, day__lte=last)
    if not site_views.exists():
        return {}
    views = site_views if unit is None else site_views.filter(unit=unit)
    figures = {"page_views": views.aggregate(total=Sum("views"))["total"] or 0}
    if unit is None:
        visitors = DailyVisitors.objects.filter(day__gte=first, day__lte=last).aggregate(total=Sum("visitors"))
        figures["visitors"] = visitors["total"] or 0
    return figures


def views_by_path(paths, days, today=None):
    """``{path: views}`` over the last ``days`` days for the given addresses (one query)."""
    today = today or timezone.localdate()
    rows = PageVisits.objects.filter(path__in=list(paths), day__gt=today - timedelta(days=days), day__lte=today)
    return dict(rows.values("path").annotate(total=Sum("views")).values_list("path", "total"))
