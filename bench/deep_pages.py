"""What a deep page of a long list costs next to its first page: /xinwen/?page=500 and /liuyan/public/?page=100.

    .venv/bin/python bench/deep_pages.py [--news 10000] [--requests 5000] [--rounds 30]

In a temporary folder (TOWNSQUARE_VAR_DIR, a fresh SQLite file) the bench migrates, adds the
test county (``tests.conftest.build_county``), --news live news pages spread over the county's
and the two towns' 政务动态 columns (Wagtail ``add_child`` in one transaction, a minute apart
in first_published_at) and --requests residents' requests (bulk insert; four in five public
and taken up by a unit). Then it asks the Django test client, DEBUG off and the cache a dummy
(every response is built, never served from a cache), for page 1 and the deep page of each
list in turn, --rounds times, interleaved, and prints the median time of each, the ratio deep
/ first, and the load average. It asserts nothing.
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

NEWS_PAGE = 500
REQUESTS_PAGE = 100


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--news", type=int, default=10_000, help="news pages to add (default 10000)")
    parser.add_argument("--requests", type=int, default=5_000, help="residents' requests to add (default 5000)")
    parser.add_argument("--rounds", type=int, default=30, help="interleaved rounds of requests (default 30)")
    args = parser.parse_args()
    run_in_scratch("ts-deep-pages-", run, args)


def run(args):
    from django.core.management import call_command
    from django.test.utils import override_settings

    logging.getLogger("wagtail").setLevel(logging.WARNING)  # no line per page created
    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    migrated = time.perf_counter()
    county = build(args)
    print(
        f"migrated in {migrated - started:.0f} s; added {args.news} news pages and {args.requests} requests"
        f" in {time.perf_counter() - migrated:.0f} s"
    )

    news_url = county.county.section("news").url
    urls = {
        "news": (news_url, f"{news_url}?page={NEWS_PAGE}"),
        "留言": ("/liuyan/public/", f"/liuyan/public/?page={REQUESTS_PAGE}"),
    }
    from django.conf import settings

    # No collectstatic here: plain static URLs instead of the manifest's hashed ones.
    storages = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    dummy_cache = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    with override_settings(CACHES=dummy_cache, STORAGES=storages):
        times = measure(urls, args.rounds)
    load = os.getloadavg()
    print(f"{'list':<6} {'page 1 ms':>10} {'deep ms':>10} {'deep/1':>7}  deep page")
    for name, (_first, deep) in urls.items():
        first_ms, deep_ms = (statistics.median(times[name][which]) * 1000 for which in (0, 1))
        print(f"{name:<6} {first_ms:>10.1f} {deep_ms:>10.1f} {deep_ms / first_ms:>7.2f}  {deep}")
    print(f"load average (1, 5, 15 min): {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; {os.cpu_count()} CPUs")


def measure(urls, rounds):
    from django.test import Client

    client = Client(HTTP_HOST="localhost")
    times = {name: ([], []) for name in urls}
    for url_pair in urls.values():  # warm-up: templates, renditions, first-view work
        for url in url_pair:
            assert client.get(url).status_code == 200, url
    for _ in range(rounds):
        for name, url_pair in urls.items():
            for which, url in enumerate(url_pair):
                start = time.perf_counter()
                response = client.get(url)
                times[name][which].append(time.perf_counter() - start)
                assert response.status_code == 200, (url, response.status_code)
    return times


def build(args):
    from django.db import transaction

    from tests.conftest import build_county

    with transaction.atomic():
        county = build_county()
        add_news(county, args.news)
        add_requests(county, args.requests)
    return county


def add_news(county, count):
    from django.utils import timezone

    from townsquare.publishing.models import NewsPage

    columns = [place.section("news") for place in (county.county, county.town_a, county.town_b)]
    now = timezone.now()
    for number in range(count):
        published = now - timedelta(minutes=number)
        page = NewsPage(
            title=f"镇里召开第{number}次村民代表会议",
            slug=f"news-{number}",
            summary="村民代表讨论了今年的道路修缮计划。",
            live=True,
            first_published_at=published,
            last_published_at=published,
        )
        columns[number % len(columns)].add_child(instance=page)


def add_requests(county, count):
    from django.utils import timezone

    from townsquare.resident_requests.models import Category, ResidentRequest, Status

    category = Category.objects.create(code="roads", name="道路照明", unit=county.town_a.unit, routing_label="城乡建设")
    statuses = [Status.ANSWERED, Status.ACCEPTED, Status.ANSWERED, Status.WAITING, Status.SUBMITTED]
    now = timezone.now()
    rows = []
    for number in range(count):
        received = now - timedelta(hours=number)
        rows.append(
            ResidentRequest(
                tracking_number=f"{received:%Y%m%d}{number:06d}",  # the random default collides at this count
                request_type="consult",
                category=category,
                unit=category.unit,
                title=f"东街路灯不亮（{number}）",
                details="东街口路灯坏了一个星期，晚上很黑，请尽快修。",
                contact_name="李四",
                contact_phone="13900001111",
                status=statuses[number % len(statuses)],
                received_at=received,
                accept_due=received + timedelta(days=2),
                answer_due=received + timedelta(days=10),
                reply="已安排维修。" if number % 2 == 0 else "",
            )
        )
    ResidentRequest.objects.bulk_create(rows, batch_size=500)


if __name__ == "__main__":
    main()
