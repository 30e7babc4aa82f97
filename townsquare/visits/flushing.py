"""Writing the cache's running totals (``counting.py``) into the database, for the scheduled job.

Idempotent: each row gets the day's total from the cache, or keeps its own when that is larger.
"""

from django.conf import settings
from django.db import transaction

from . import counting, places
from .models import DailyVisitors, PageVisits

CHUNK = 500


def flush(day):
    """Store ``day``'s counts; returns how many paths were read from the cache."""
    cache = counting.visits_cache()
    totals = _path_totals(cache, day)
    visitors = cache.get(counting.visitors_key(day)) or 0
    with transaction.atomic():
        _store_paths(day, totals)
        if visitors:
            row, _ = DailyVisitors.objects.select_for_update().get_or_create(day=day)
            if visitors > row.visitors:
                row.visitors = visitors
                row.save(update_fields=["visitors"])
    return len(totals)


def _path_totals(cache, day):
    slots = min(cache.get(counting.slots_key(day)) or 0, settings.VISITS_MAX_PATHS_PER_DAY)
    paths = set()
    for start in range(1, slots + 1, CHUNK):
        keys = [counting.slot_key(day, slot) for slot in range(start, min(start + CHUNK, slots + 1))]
        paths.update(cache.get_many(keys).values())
    totals = {}
    paths = sorted(paths)
    for start in range(0, len(paths), CHUNK):
        chunk = {counting.views_key(day, path): path for path in paths[start : start + CHUNK]}
        for key, views in cache.get_many(list(chunk)).items():
            totals[chunk[key]] = views
    return totals


def _store_paths(day, totals):
    existing = {row.path: row for row in PageVisits.objects.select_for_update().filter(day=day)}
    prefixes = places.unit_prefixes()
    new, changed = [], []
    for path, views in totals.items():
        row = existing.get(path)
        if row is None:
            new.append(PageVisits(day=day, path=path, views=views, unit_id=places.unit_for_path(path, prefixes)))
        elif views > row.views:
            row.views = views
            changed.append(row)
    PageVisits.objects.bulk_create(new, batch_size=CHUNK, ignore_conflicts=True)
    PageVisits.objects.bulk_update(changed, ["views"], batch_size=CHUNK)
