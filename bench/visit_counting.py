"""What counting a page view costs on the request path (``visits.counting.record``), per cache backend.

    .venv/bin/python bench/visit_counting.py [--views 5000]

Counts --views made-up views (50 addresses, a few hundred visitors) through the cache the settings give
(``REDIS_URL`` set: Redis; else the files under ``var/cache/visits/`` that ``make run`` uses) and through
the local-memory cache, and prints microseconds per counted view. No database is touched. It clears the
visits cache it used. Asserts nothing.
"""

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "townsquare.settings")


def run(views):
    import django

    django.setup()
    from django.conf import settings
    from django.test import RequestFactory, override_settings

    from townsquare.visits import counting

    factory = RequestFactory()
    requests = [
        factory.get(f"/page-{n % 50}/", HTTP_USER_AGENT="Mozilla/5.0 Chrome/120", REMOTE_ADDR=f"10.0.{n % 7}.{n % 61}")
        for n in range(views)
    ]
    memory = {**settings.CACHES, "bench": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    for label, alias in (("configured", settings.VISITS_CACHE_ALIAS), ("local memory", "bench")):
        with override_settings(CACHES=memory, VISITS_CACHE_ALIAS=alias):
            cache = counting.visits_cache()
            counting.record(requests[0])
            started = time.perf_counter()
            for request in requests:
                counting.record(request)
            spent = time.perf_counter() - started
            print(f"{label} ({cache.__class__.__name__}): {spent / views * 1e6:.0f} µs per counted view")
            cache.clear()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--views", type=int, default=5000)
    run(parser.parse_args().views)
