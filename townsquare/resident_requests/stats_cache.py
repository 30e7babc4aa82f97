"""接诉即办 figures kept in Django's cache (shared between processes: Redis in production).

Computing a year's figures costs a few grouped queries over all of that year's requests; the
statistics pages read them from the cache instead. An entry is keyed by year and by the
units shown (every unit, or a staff member's own units) under a version: a random token
stored in the cache. Changing the token makes every entry unreachable at once, in every process.

When the version changes (signals, connected in apps.py)
--------------------------------------------------------
- a ``ResidentRequest`` saved or deleted: filed, accepted, transferred, paused and resumed,
  extended, answered, rated, merged, declined (``handling`` saves the request for each);
- a 不予受理 ``RequestEvent`` saved or deleted (a decline counts as timely by its event's time);
- a ``Category`` or ``Unit`` saved or deleted (which units are listed, their names and order).
The token changes at once and again when the transaction commits, so figures read from the
old rows while the transaction was open are not kept.

Figures also move with the clock: a request still waiting at its acceptance or answer
deadline becomes late, and a new month opens a row. An entry therefore expires at the next
such moment (``statistics.next_change``, one more query when figures are computed), and after
REQUEST_STATS_CACHE_SECONDS at the latest (for writes that bypass signals, such as
``QuerySet.update``).

A cache that fails costs the computation, never the page.
"""

import hashlib
import logging
import math
from datetime import datetime
from uuid import uuid4

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from townsquare.core import pagecache
from townsquare.units.models import Unit

from . import statistics
from .models import Category, RequestEvent, ResidentRequest

logger = logging.getLogger(__name__)

VERSION_KEY = "resident_requests:stats:version"
KEY_PREFIX = "resident_requests:stats"


def _version():
    version = cache.get(VERSION_KEY)
    if version is None:  # first use, or evicted: a fresh token, so no older entry can be read
        version = uuid4().hex
        if not cache.add(VERSION_KEY, version, None):
            version = cache.get(VERSION_KEY) or version
    return version


def bump_version():
    """Forget every cached figure (in every process sharing the cache)."""
    try:
        cache.set(VERSION_KEY, uuid4().hex, None)
    except Exception:
        logger.warning(
            "cache unavailable: statistics may stay stale for %s s", settings.REQUEST_STATS_CACHE_SECONDS, exc_info=True
        )


def figures_changed(sender, instance=None, using=None, **kwargs):
    """Signal receiver: a row the figures depend on was saved or deleted."""
    if sender is RequestEvent and instance.action != RequestEvent.Action.DECLINED:
        return
    bump_version()
    if transaction.get_connection(using).in_atomic_block:
        transaction.on_commit(bump_version, using=using)


def connect_signals():
    for model in (ResidentRequest, RequestEvent, Category, Unit):
        uid = f"rr_stats_{model._meta.label_lower}"
        post_save.connect(figures_changed, sender=model, dispatch_uid=f"{uid}_save")
        post_delete.connect(figures_changed, sender=model, dispatch_uid=f"{uid}_delete")


def _timeout(until, now):
    """Seconds the entry may live: until the figures would move with the clock, and at most the setting."""
    seconds = settings.REQUEST_STATS_CACHE_SECONDS
    if until is not None:
        # One second past the moment, so the figures read again see the deadline passed.
        seconds = min(seconds, max(1, math.ceil((until - now).total_seconds()) + 1))
    return seconds


def _cached(name, compute, now):
    """``compute(now)`` -> (value, moment it stops being right), from the cache when it is there.

    A page showing the figures depends on the same tables and lasts no longer than they do.
    """
    pagecache.depends_on(*(pagecache.table_tag(model) for model in (ResidentRequest, RequestEvent, Category, Unit)))
    try:
        key = f"{KEY_PREFIX}:{_version()}:{name}"
        kept = cache.get(key)
    except Exception:
        logger.warning("cache unavailable: statistics computed from the database", exc_info=True)
        value, until = compute(now)
        pagecache.valid_until(until)
        return value
    if kept is not None:
        value, until = kept
    else:
        value, until = compute(now)
        try:
            cache.set(key, (value, until), _timeout(until, now))
        except Exception:
            logger.warning("cache unavailable: statistics not kept", exc_info=True)
    pagecache.valid_until(until)
    return value


def _next_year(now):
    return datetime(timezone.localtime(now, statistics.STATS_TIMEZONE).year + 1, 1, 1, tzinfo=statistics.STATS_TIMEZONE)


def available_years(now):
    """``statistics.available_years``, cached until a request changes or the year turns."""
    return _cached("years", lambda now: (statistics.available_years(now=now), _next_year(now)), now)


def year_statistics(year, units=None, now=None):
    """``statistics.year_statistics`` for ``units`` (None: every unit), cached until the figures change."""
    now = now or timezone.now()
    if units is None:
        name = f"year:{year}:all"
    else:
        units = list(units)
        ids = ",".join(str(unit.pk) for unit in units)
        name = f"year:{year}:units:{hashlib.sha256(ids.encode()).hexdigest()[:32]}"

    def compute(now):
        stats = statistics.year_statistics(year, units=units, now=now)
        return stats, statistics.next_change(year, units=units, now=now)

    return _cached(name, compute, now)
