"""Values kept in the shared cache for as long as what they were built from is unchanged."""

import logging
from datetime import datetime

from django.utils import timezone

from . import reads
from .sql import building
from .tags import do_not_cache, remembered, still_current, tag_cache, valid_until

logger = logging.getLogger(__name__)

VALUE_PREFIX = "value:"


def seconds_left(until, timeout, now=None):
    """How long an entry may live: ``timeout`` at most, and no later than ``until``."""
    if until is None:
        return timeout
    left = (until - (now or timezone.now())).total_seconds()
    return max(0, min(timeout, int(left)))


def next_midnight(now=None):
    """Pages show today's date and what is on today: nothing cached lives past local midnight."""
    local = timezone.localtime(now)
    return timezone.make_aware(datetime.combine(local.date() + timezone.timedelta(days=1), datetime.min.time()))


def remember(key, compute, timeout, pages=()):
    """``compute()``, or its value from the cache while every table and tag it read is unchanged.

    The value's tags and expiry pass to the page being built around it, so a page holding a cached
    fragment is invalidated with the fragment. ``pages``: tags that stand for the pages ``compute``
    reads (``("nav",)`` for the home pages in the header), instead of every page change.
    """
    now = timezone.now()
    try:
        cache = tag_cache()
        entry = reads.get(VALUE_PREFIX + key)
        if entry is not None and (entry["until"] is None or entry["until"] > now) and still_current(entry["versions"]):
            remembered(entry["versions"])
            valid_until(entry["until"])
            return entry["value"]
    except Exception:
        logger.warning("page cache unavailable: %s computed without it", key, exc_info=True)
        do_not_cache()
        return compute()
    with building(pages) as record:
        value = compute()
    seconds = seconds_left(record.until, timeout, now)
    if seconds and not record.uncacheable:
        entry = {"value": value, "versions": record.versions, "until": record.until}
        try:
            cache.set(VALUE_PREFIX + key, entry, seconds)
            reads.written({VALUE_PREFIX + key: entry})
        except Exception:
            logger.warning("page cache unavailable: %s not kept", key, exc_info=True)
    return value
