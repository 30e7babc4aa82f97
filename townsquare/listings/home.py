"""The home page's live summaries: each life-service tile shows how many live items there are and
the newest one; the traffic strip shows the notices in effect.

Everything comes from ONE query (scalar sub-queries, one per figure), cached for
LISTINGS_HOME_CACHE_SECONDS and never longer than until the next listing in it
expires. Core never imports this app: the tiles, with ``tile_hint`` as their live hint, are
registered through the ``townsquare_life_services`` hook (``wagtail_hooks.py``).
"""

import datetime
import logging

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection, transaction
from django.db.models import F, Func
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from townsquare.core import pagecache

from .models import LISTING_MODELS, TrafficNotice

logger = logging.getLogger(__name__)

CACHE_KEY = "listings:home:summary:v1"
STRIP_SIZE = 3
TITLE_CHARS = 14


def _compiled(queryset):
    sql, params = queryset.query.get_compiler(connection=connection).as_sql()
    return f"({sql})", list(params)


def _count(queryset):
    return queryset.order_by().values_list(Func(F("pk"), function="COUNT"))


def compute(now=None):
    """The live figures: {"counts": {kind: n}, "newest": {kind: title}, "traffic": [notice dicts], "until": when}."""
    now = now or timezone.now()
    columns, params, names = [], [], []

    def add(name, queryset):
        sql, args = _compiled(queryset)
        columns.append(sql)
        params.extend(args)
        names.append(name)

    for kind, model in LISTING_MODELS.items():
        live = model.objects.live(now)
        if kind == "traffic":
            live = live.filter(starts_at__lte=now)
        add(("count", kind), _count(live))
        add(("newest", kind), live.order_by("-published_at", "-pk").values_list("title")[:1])
        add(("next_expiry", kind), live.order_by("expires_at").values_list("expires_at")[:1])
    upcoming = TrafficNotice.objects.live(now).filter(starts_at__gt=now).order_by("starts_at").values_list("starts_at")
    add(("next_start", "traffic"), upcoming[:1])
    in_effect = TrafficNotice.objects.in_effect(now).order_by("ends_at", "pk")
    for position in range(STRIP_SIZE):
        for field in ("pk", "title", "place", "notice_kind", "ends_at"):
            add(("traffic", position, field), in_effect.values_list(field)[position : position + 1])
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(columns), params)
        row = cursor.fetchone()
    values = dict(zip(names, row, strict=True))

    def as_datetime(value):
        if isinstance(value, str):  # SQLite returns a scalar sub-query's date-time as text, in UTC
            value = parse_datetime(value)
        if value is not None and timezone.is_naive(value):
            value = timezone.make_aware(value, datetime.UTC)
        return value

    summary = {"counts": {}, "newest": {}, "traffic": []}
    moments = []
    for kind in LISTING_MODELS:
        summary["counts"][kind] = int(values[("count", kind)] or 0)
        summary["newest"][kind] = values[("newest", kind)] or ""
        moments.append(as_datetime(values[("next_expiry", kind)]))
    moments.append(as_datetime(values[("next_start", "traffic")]))
    for position in range(STRIP_SIZE):
        pk = values[("traffic", position, "pk")]
        if pk is None:
            break
        summary["traffic"].append(
            {
                "pk": pk,
                "title": values[("traffic", position, "title")],
                "place": values[("traffic", position, "place")],
                "kind_label": TrafficNotice.Kind(values[("traffic", position, "notice_kind")]).label,
                "ends_at": as_datetime(values[("traffic", position, "ends_at")]),
            }
        )
    summary["more_traffic"] = max(summary["counts"]["traffic"] - len(summary["traffic"]), 0)
    summary["until"] = min((moment for moment in moments if moment is not None), default=None)
    return summary


def summary(now=None):
    """The cached summary; recomputed when the cache is empty or a listing in it has expired.

    A page showing it depends on the listing tables and lasts no longer than the summary does.
    """
    now = now or timezone.now()
    pagecache.depends_on(*(pagecache.table_tag(model) for model in LISTING_MODELS.values()))
    data = _summary(now)
    if data is not None:
        pagecache.valid_until(data["until"])
    return data


def _summary(now):
    try:
        cached = cache.get(CACHE_KEY)
    except Exception:
        cached = None
    if cached is not None and (cached["until"] is None or cached["until"] > now):
        return cached
    try:
        fresh = compute(now)
    except DatabaseError:
        logger.exception("listings home summary failed")
        pagecache.do_not_cache()
        return None
    seconds = settings.LISTINGS_HOME_CACHE_SECONDS
    if fresh["until"] is not None:
        seconds = max(1, min(seconds, int((fresh["until"] - now).total_seconds()) + 1))
    try:
        cache.set(CACHE_KEY, fresh, seconds)
    except Exception:
        logger.warning("cache unavailable for the listings home summary", exc_info=True)
    return fresh


def forget():
    """Called when a listing changes, so that the home page shows it at once."""
    try:
        cache.delete(CACHE_KEY)
    except Exception:
        logger.warning("cache unavailable for the listings home summary", exc_info=True)


def _short(title):
    return title if len(title) <= TITLE_CHARS else title[: TITLE_CHARS - 1] + "…"


HINT_WORDS = {
    "jobs": "{n}个岗位在招",
    "rentals": "{n}套房源",
    "education": "{n}条招生信息",
    "traffic": "{n}处正在封路或绕行",
    "culture": "{n}场活动",
    "offers": "{n}条优惠在有效期",
}


def tile_hint(kind, summary_of=None):
    """E.g. "12个岗位在招 · 最新：超市收银员"; empty (the tile's fixed hint) when nothing is live.

    ``summary_of``: where to read the summary (the grid's tiles share one read), default :func:`summary`."""
    data = (summary_of or summary)()
    if not data or not data["counts"].get(kind):
        return ""
    hint = HINT_WORDS[kind].format(n=data["counts"][kind])
    newest = data["newest"].get(kind)
    return f"{hint} · 最新：{_short(newest)}" if newest else hint


def _forget_on_change(sender, **kwargs):
    # Now, and again at commit: a summary read from the old rows meanwhile is not kept.
    forget()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(forget)


def connect_signals():
    """Forget the cached summary whenever a listing changes."""
    from django.db.models.signals import post_delete, post_save

    for kind, model in LISTING_MODELS.items():
        post_save.connect(_forget_on_change, sender=model, dispatch_uid=f"listings-home-{kind}-save")
        post_delete.connect(_forget_on_change, sender=model, dispatch_uid=f"listings-home-{kind}-delete")
