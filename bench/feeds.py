"""What a feed of a long column costs: RSS and Atom of a column of 10,000 news items, built and from the cache.

    .venv/bin/python bench/feeds.py [--items 10000] [--rounds 30]

In a temporary folder (TOWNSQUARE_VAR_DIR, a fresh SQLite file) the bench migrates, adds the
test county (``tests.conftest.build_county``) and --items live news pages in the county's
政务动态 column (Wagtail ``add_child`` in one transaction, a minute apart, every tenth with a
cover picture). Then it asks the Django test client (DEBUG off) for the column's RSS and Atom
feeds, the county's 政务动态 type feed and the sitemap's pages file, --rounds times each, interleaved:
- built: every response built (the page cache skipped, Django's cache a dummy: no rendition
  or site cached either) — what the first reader after a change waits for;
- cached: served from the page cache (the file cache under var/, as ``make run`` has it).
It prints the median and the 95th percentile of each, the queries one built feed runs, its
size and item count, and the load average. It asserts nothing.
"""

import argparse
import logging
import os
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.scratch import run_in_scratch  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=10_000, help="news pages in the column (default 10000)")
    parser.add_argument("--rounds", type=int, default=30, help="interleaved rounds of requests (default 30)")
    args = parser.parse_args()
    run_in_scratch("ts-feeds-", run, args)


def run(args):
    from django.conf import settings
    from django.core.management import call_command
    from django.test.utils import override_settings

    logging.getLogger("wagtail").setLevel(logging.WARNING)  # no line per page created
    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    migrated = time.perf_counter()
    county = build(args.items)
    print(
        f"migrated in {migrated - started:.0f} s; added {args.items} news pages to one column"
        f" in {time.perf_counter() - migrated:.0f} s; FEED_ITEMS={settings.FEED_ITEMS}"
    )
    column = county.county.section("news").url
    urls = {
        "column RSS": f"{column}feed/rss/",
        "column Atom": f"{column}feed/atom/",
        "type RSS": "/feed/news/rss/",
        "sitemap": "/sitemap-pages.xml",  # SITEMAP_URLS_PER_FILE pages at most
    }
    # No collectstatic here: plain static URLs instead of the manifest's hashed ones.
    storages = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    built = {
        "CACHES": {**settings.CACHES, "default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}},
        "PAGE_CACHE_EXCLUDED_PATHS": ["/"],
    }
    with override_settings(STORAGES=storages):
        facts = describe(urls)
        with override_settings(**built):
            built_times = measure(urls, args.rounds, expect_hit=False)
        cached_times = measure(urls, args.rounds, expect_hit=True)
    header = ("built p50", "p95 ms", "cached p50", "p95 ms", "queries", "items", "KB")
    print(f"{'feed':<12}", " ".join(f"{word:>10}" for word in header))
    for name in urls:
        b50, b95 = percentiles(built_times[name])
        c50, c95 = percentiles(cached_times[name])
        queries, items, size = facts[name]
        print(
            f"{name:<12} {b50:>10.1f} {b95:>7.1f} {c50:>11.1f} {c95:>7.1f} {queries:>8} {items:>6} {size / 1024:>6.0f}"
        )
    load = os.getloadavg()
    print(f"load average (1, 5, 15 min): {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; {os.cpu_count()} CPUs")


def percentiles(times):
    ordered = sorted(times)
    return statistics.median(ordered) * 1000, ordered[int(0.95 * (len(ordered) - 1))] * 1000


def describe(urls):
    """Queries of one built response of each feed, its item count and size (after a warm-up for renditions)."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    client = Client(HTTP_HOST="localhost")
    facts = {}
    for name, url in urls.items():
        assert client.get(url).status_code == 200, url
        with override_settings(PAGE_CACHE_EXCLUDED_PATHS=["/"]), CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        body = response.content
        facts[name] = (len(captured), body.count(b"<item>") + body.count(b"<entry>") + body.count(b"<url>"), len(body))
    return facts


def measure(urls, rounds, expect_hit):
    from django.test import Client

    client = Client(HTTP_HOST="localhost")
    times = {name: [] for name in urls}
    for url in urls.values():
        assert client.get(url).status_code == 200, url
    for _ in range(rounds):
        for name, url in urls.items():
            start = time.perf_counter()
            response = client.get(url)
            times[name].append(time.perf_counter() - start)
            assert response.status_code == 200, (url, response.status_code)
            assert (response.get("X-Page-Cache") == "hit") == expect_hit, (url, expect_hit)
    return times


def build(count):
    from django.db import transaction
    from django.utils import timezone

    from tests.conftest import build_county
    from tests.factories import ImageFactory
    from townsquare.publishing.models import NewsPage

    with transaction.atomic():
        county = build_county()
        column = county.county.section("news")
        picture = ImageFactory()
        now = timezone.now()
        for number in range(count):
            published = now - timedelta(minutes=number)
            page = NewsPage(
                title=f"县里召开第{number}次为民办实事推进会",
                slug=f"news-{number}",
                summary="会上定了今年要办的十件实事，第一件是老城区加装电梯。",
                cover_image=picture if number % 10 == 0 else None,
                live=True,
                first_published_at=published,
                last_published_at=published,
            )
            column.add_child(instance=page)
    return county


if __name__ == "__main__":
    main()
