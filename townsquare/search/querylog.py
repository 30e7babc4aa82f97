"""The query log: what residents searched each day (masked), the 热词 / 无结果词 report, queries that found things."""

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Sum
from django.utils import timezone

from townsquare.core.privacy import mask_text

from .models import QueryLog


def loggable(text):
    """What may be stored of a query: no phone, ID or e-mail in it (masked), cut to the field size."""
    return mask_text(text)[:80]


def log_query(text, total):
    """Counts one search of ``text`` today that found ``total`` items."""
    text = loggable(text)
    if not text:
        return
    today = timezone.localdate()
    empty = 1 if total == 0 else 0
    if _count(text, today, empty, total):
        return
    try:
        with transaction.atomic():
            QueryLog.objects.create(query=text, day=today, searches=1, empty_searches=empty, last_results=total)
    except IntegrityError:
        # Another request created today's row in between.
        _count(text, today, empty, total)


def _count(text, day, empty, total):
    return QueryLog.objects.filter(query=text, day=day).update(
        searches=F("searches") + 1, empty_searches=F("empty_searches") + empty, last_results=total
    )


def hot_queries(days=None, limit=None, empty=False):
    """[(query, searches, empty searches)] of the last days, most searched first (热词 / 无结果词)."""
    days = days or settings.SEARCH_REPORT_DAYS
    limit = limit or settings.SEARCH_REPORT_ROWS
    since = timezone.localdate() - timedelta(days=days - 1)
    rows = QueryLog.objects.filter(day__gte=since)
    if empty:
        rows = rows.filter(empty_searches__gt=0)
    rows = (
        rows.values("query")
        .annotate(total=Sum("searches"), empty=Sum("empty_searches"))
        .order_by("-empty" if empty else "-total", "query")[:limit]
    )
    return [(row["query"], row["total"], row["empty"]) for row in rows]


def found_queries(limit, since=None, prefix=""):
    """Queries that found something, most searched first, that may be offered to others.

    Only those searched at least SEARCH_SUGGEST_MIN_SEARCHES times (since ``since``): one person's
    typo, or a name they typed, is never shown to others."""
    rows = QueryLog.objects.filter(last_results__gt=0)
    if since:
        rows = rows.filter(day__gte=since)
    if prefix:
        rows = rows.filter(query__startswith=prefix)
    return list(
        rows.values("query")
        .annotate(total=Sum("searches"))
        .filter(total__gte=settings.SEARCH_SUGGEST_MIN_SEARCHES)
        .order_by("-total", "query")
        .values_list("query", flat=True)[:limit]
    )
