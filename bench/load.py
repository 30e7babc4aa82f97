"""Townsquare on the worst day: the figures of issue 14, measured next to two anchors in the same run.

    .venv/bin/python bench/load.py [--quick] [--soak-minutes 10] [--postgres] [--keep]

In a temporary folder the bench deploys the demo county as in production: DEBUG=0, SQLite in the
folder (or, with --postgres, the database townsquare_h4 on 127.0.0.1:5432, dropped and created,
with Redis db 11 on 127.0.0.1:6379, flushed), a private redis-server as the cache (when installed),
``migrate``, ``collectstatic``, ``load_demo``, then --news more news pages in the county's 政务动态
(Wagtail ``add_child``, published over the 400 days before the demo's). It starts:

- Townsquare ``A``: gunicorn (``townsquare.wsgi``, 2 sync workers, ``deploy/gunicorn.conf.py`` when
  present), behind nginx (config written by ``load_stack.nginx_conf``: a proxy cache keyed on the
  URL and the 长辈版 cookie, honouring the application's X-Accel-Expires / Cache-Control);
- Townsquare ``U``: the same with PAGE_CACHE_SECONDS=0, asked directly (every response built);
- ``manage.py db_worker`` (background tasks);
- anchor 1: nginx serving a saved copy of the home page HTML as a static file;
- anchor 2: a stock Wagtail starter (``wagtail start``, production settings, DEBUG off, migrate,
  collectstatic) under gunicorn with 2 sync workers.

Then, for --rounds rounds, interleaved: ``wrk -t2 -d<seconds>`` on every target (the static copy,
the cached home page through nginx at 32 connections; the starter and every uncached page at 8).
The table shows medians over rounds: req/s, p99, app workers' CPU ms per request, and the ratio to
its anchor. Worker memory (RSS, PSS, USS from /proc/PID/smaps_rollup) is read after the rounds.

Publish-to-visible: instance ``B`` (like A) joins A behind nginx; while wrk loads the home page
through nginx, a ``manage.py shell`` publishes an urgent notice (a revision, published), and
threads poll the home page of A, of B and through nginx until its title shows: seconds from the
end of ``publish()`` to the first response showing it, and wrk's errors.

Soak (--soak-minutes): mixed traffic at a fixed rate through nginx (bench/load_soak.py); worker
memory every 10 s; errors; submissions and bookings confirmed vs found in the database.

--quick: shorter wrk runs, 2 rounds, 800 news pages (the deep page is then the last full
one), a 1-minute soak. Prints the table and the load average; asserts nothing.
"""

import argparse
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))

import load_soak  # noqa: E402
from load_stack import (  # noqa: E402
    GUNICORN_CONF,
    MANAGE,
    Stack,
    free_port,
    manage,
    memory_mb,
    nginx_conf,
    parse_wrk,
    prepare_starter,
    shell_json,
    townsquare_env,
    worker_pids,
    workers_cpu_seconds,
    wrk,
)

NGINX_SITE = Path(__file__).resolve().parent.parent / "deploy" / "nginx" / "townsquare.conf"
PG_URL = "postgres://postgres@127.0.0.1:5432/townsquare_h4"
PG_REDIS = "redis://127.0.0.1:6379/11"
LIST_PAGE_SIZE = 15
DEEP_PAGE = 500
CACHED_CONNECTIONS = 32
UNCACHED_CONNECTIONS = 8

PREPARE = """
import json, logging, time
from datetime import timedelta
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from townsquare.appointments import public as appointments
from townsquare.listings.public import KIND_PAGES
from townsquare.publishing.models import HomePage, NewsPage, UnitHomePage
from townsquare.services.models import ServiceGuidePage
from townsquare.units.models import Unit

logging.getLogger("wagtail").setLevel(logging.WARNING)
home = HomePage.objects.live().first()
column = home.section("news")
article = NewsPage.objects.live().order_by("-first_published_at").first()
town = UnitHomePage.objects.live().filter(unit__kind=Unit.Kind.TOWN).first()
oldest = timezone.now() - timedelta(days=400)
with transaction.atomic():
    for number in range(NEWS):
        published = oldest - timedelta(minutes=number)
        column.add_child(instance=NewsPage(
            title=f"镇里召开第{number}次村民代表会议", slug=f"bench-news-{number}",
            summary="村民代表讨论了今年的道路修缮计划。", live=True,
            first_published_at=published, last_published_at=published))
kind = next(iter(KIND_PAGES))
print(json.dumps({
    "home": home.url, "town": town.url, "column": column.url, "article": article.url,
    "guide": ServiceGuidePage.objects.live().first().url, "listings": reverse(f"listings:{kind}_list"),
    "services": [service.pk for service in appointments.bookable_services()], "news": NewsPage.objects.live().count(),
}))
"""

PUBLISH = """
import json, time
from townsquare.publishing.models import HomePage, NoticePage
column = HomePage.objects.live().first().section("notice")
notice = NoticePage(title=TITLE, slug=SLUG, summary="因台风影响，今晚20时起全县部分区域临时停水，请提前储水。")
column.add_child(instance=notice)
revision = notice.save_revision()
started = time.time()
revision.publish()
print(json.dumps({"started": started, "published": time.time()}))
"""


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a short run (about 3 minutes plus set-up)")
    parser.add_argument("--soak-minutes", type=float, default=None, help="soak length (default 10; 1 with --quick)")
    parser.add_argument("--postgres", action="store_true", help=f"PostgreSQL {PG_URL} and Redis {PG_REDIS}")
    parser.add_argument("--news", type=int, default=None, help="news pages to add (default 10000; 800 with --quick)")
    parser.add_argument("--seconds", type=int, default=None, help="length of one wrk run (default 8; 3 with --quick)")
    parser.add_argument("--rounds", type=int, default=None, help="interleaved rounds (default 3; 2 with --quick)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (its path is printed)")
    parser.add_argument("--reuse", help="a folder kept by an earlier run: its database, static files and starter")
    args = parser.parse_args()
    defaults = {"soak_minutes": (10, 1), "news": (10_000, 800), "seconds": (8, 3), "rounds": (3, 2)}
    for name, (full, quick) in defaults.items():
        if getattr(args, name) is None:
            setattr(args, name, quick if args.quick else full)

    signal.signal(signal.SIGTERM, lambda *_: sys.exit("stopped by SIGTERM"))  # children are stopped below
    start_load = os.getloadavg()
    folder = Path(args.reuse) if args.reuse else Path(tempfile.mkdtemp(prefix="townsquare-load-"))
    if args.reuse:
        args.keep = True
        for leftover in ("nginx", "redis"):
            shutil.rmtree(folder / leftover, ignore_errors=True)
    stack = Stack(folder)
    report = Report(args, start_load)
    try:
        run(args, folder, stack, report)
    finally:
        stack.stop()
        if args.keep:
            print(f"kept: {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)
    report.print()
    return 0


class Report:
    def __init__(self, args, start_load):
        self.args = args
        self.lines = []
        self.start_load = start_load

    def add(self, line=""):
        self.lines.append(line)
        print(line, flush=True)

    def print(self):
        end = os.getloadavg()
        print()
        print(f"===== bench/load.py {' '.join(sys.argv[1:])} — {datetime.now(UTC):%Y-%m-%d %H:%M} UTC =====")
        for line in self.lines:
            print(line)
        print(
            f"load average at start: {' '.join(f'{v:.2f}' for v in self.start_load)}; at end: "
            f"{' '.join(f'{v:.2f}' for v in end)} ({os.cpu_count()} CPUs)"
        )


# --- set-up ------------------------------------------------------------------------------------------------


def run(args, folder, stack, report):
    started = time.perf_counter()
    if args.postgres:
        database_url, redis_url = PG_URL, PG_REDIS
        reset_postgres_and_redis()
    else:
        database_url, redis_url = f"sqlite:///{folder}/var/townsquare.sqlite3", stack.start_redis()
    ports = {name: free_port() for name in ("A", "B", "U", "starter", "anchor", "front")}
    front = f"http://127.0.0.1:{ports['front']}"
    env = townsquare_env(folder, front, database_url, redis_url)
    if args.reuse and not args.postgres:
        urls = shell_json(env, PREPARE.replace("NEWS", "0", 1))
    else:
        (folder / "var").mkdir(exist_ok=True)
        for step in (["migrate", "--noinput", "-v0"], ["collectstatic", "--noinput", "-v0"], ["load_demo"]):
            manage(env, *step)
        # The demo's search-index and reference-index updates, queued as tasks: done now, not while measuring.
        manage(env, "db_worker", "--batch", "--queue-name", "*", "--no-startup-delay")
        # The added news pages only make the list long: their index updates are dropped (a dummy task backend).
        dummy_tasks = {**env, "TASKS_BACKEND": "django_tasks.backends.dummy.DummyBackend"}
        urls = shell_json(dummy_tasks, PREPARE.replace("NEWS", str(args.news), 1))
    deep_page = min(DEEP_PAGE, urls["news"] // LIST_PAGE_SIZE)
    starter_dir, starter_env = prepare_starter(folder)
    report.add(
        f"set-up {time.perf_counter() - started:.0f} s: demo + {args.news} news ({urls['news']} live), "
        f"database {database_url.split('://')[0]}, cache {'Redis' if redis_url else 'local memory per worker'}, "
        f"gunicorn config: {'deploy/gunicorn.conf.py' if GUNICORN_CONF.exists() else 'none (command line only)'}, "
        f"nginx front: {'deploy/nginx/townsquare.conf' if NGINX_SITE.exists() else 'bench/load_stack.py'}"
    )

    static_root = Path(folder, "var", "static")
    if not static_root.exists():  # STATIC_ROOT as the settings define it
        static_root = Path(
            shell_json(
                env, "import json; from django.conf import settings; print(json.dumps([str(settings.STATIC_ROOT)]))"
            )[0]
        )
    masters = {
        "A": stack.start_gunicorn("gunicorn-A", ports["A"], 2, env),
        "U": stack.start_gunicorn(
            "gunicorn-U", ports["U"], 2, townsquare_env(folder, front, database_url, redis_url, page_cache=False)
        ),
        "starter": stack.start_gunicorn(
            "gunicorn-starter", ports["starter"], 2, starter_env, app="starter.wsgi", cwd=starter_dir
        ),
    }
    stack.spawn("db_worker", MANAGE + ["db_worker"], env=env)
    conf = nginx_conf(folder, ports["anchor"], ports["front"], [ports["A"]], static_root)
    stack.start_nginx(conf)
    for name in ("A", "U", "starter"):
        stack.wait_http(f"http://127.0.0.1:{ports[name]}/")
    stack.wait_http(front + "/")
    anchor_dir = folder / "nginx" / "anchor"
    anchor_dir.mkdir()
    home_html = requests.get(front + "/", timeout=30).content
    (anchor_dir / "home.html").write_bytes(home_html)
    report.add(f"home page: {len(home_html) / 1024:.0f} KB; deep page: {urls['column']}?page={deep_page}")

    pages = {
        "home": urls["home"],
        "town home": urls["town"],
        "column list": urls["column"],
        "article": urls["article"],
        "/banshi/": "/banshi/",
        "guide": urls["guide"],
        "/liuyan/public/": "/liuyan/public/",
        "/liuyan/stats/": "/liuyan/stats/",
        "listings": urls["listings"],
        "search": "/search/?q=" + requests.utils.quote("社保卡"),
        f"column ?page={deep_page}": f"{urls['column']}?page={deep_page}",
    }
    targets = [
        ("nginx: static copy of home", f"http://127.0.0.1:{ports['anchor']}/", CACHED_CONNECTIONS, None, None),
        (
            "Wagtail starter page",
            f"http://127.0.0.1:{ports['starter']}/",
            UNCACHED_CONNECTIONS,
            masters["starter"],
            None,
        ),
        ("home, cached, via nginx", front + "/", CACHED_CONNECTIONS, masters["A"], "nginx: static copy of home"),
    ]
    for name, path in pages.items():
        targets.append(
            (
                f"{name} (uncached)",
                f"http://127.0.0.1:{ports['U']}{path}",
                UNCACHED_CONNECTIONS,
                masters["U"],
                "Wagtail starter page",
            )
        )
    warm_up(targets)
    results = measure(targets, args, stack)
    report_measurements(report, targets, results, deep_page)
    report_memory(report, {"A (cached)": masters["A"], "U (uncached)": masters["U"], "starter": masters["starter"]})

    stack.stop_one("gunicorn-U")
    stack.stop_one("gunicorn-starter")
    masters["B"] = stack.start_gunicorn("gunicorn-B", ports["B"], 2, env)
    stack.wait_http(f"http://127.0.0.1:{ports['B']}/")
    stack.reload_nginx(nginx_conf(folder, ports["anchor"], ports["front"], [ports["A"], ports["B"]], static_root))
    publish_to_visible(
        report,
        env,
        args,
        {"A": f"http://127.0.0.1:{ports['A']}/", "B": f"http://127.0.0.1:{ports['B']}/", "nginx": front + "/"},
    )

    soak = load_soak.Soak(front, urls, {"A": masters["A"], "B": masters["B"]}, env, stack)
    for line in soak.run(args.soak_minutes):
        report.add(line)
    stack.check_alive()


def reset_postgres_and_redis():
    import psycopg
    import redis

    with psycopg.connect("postgres://postgres@127.0.0.1:5432/postgres", autocommit=True) as connection:
        connection.execute("DROP DATABASE IF EXISTS townsquare_h4 WITH (FORCE)")
        connection.execute("CREATE DATABASE townsquare_h4")
    redis.Redis.from_url(PG_REDIS).flushdb()


# --- throughput ---------------------------------------------------------------------------------------------


def warm_up(targets):
    """Each worker loads its templates and fills its caches once (a running site has done so long before)."""
    for _name, url, *_ in targets:
        for _ in range(6):
            requests.get(url, timeout=60)


def measure(targets, args, stack):
    results = {name: [] for name, *_ in targets}
    for round_number in range(args.rounds):
        for name, url, connections, master, _anchor in targets:
            cpu_before = workers_cpu_seconds(master.pid) if master else 0.0
            figures = wrk(url, args.seconds, connections)
            cpu = (workers_cpu_seconds(master.pid) if master else 0.0) - cpu_before
            figures["cpu_ms"] = cpu * 1000 / figures["requests"] if master and figures["requests"] else None
            results[name].append(figures)
        stack.check_alive()
        results.setdefault("load", []).append(os.getloadavg()[0])
        print(f"round {round_number + 1}/{args.rounds} done; load {os.getloadavg()[0]:.2f}", flush=True)
    return results


def report_measurements(report, targets, results, deep_page):
    def median(name, key):
        values = [r[key] for r in results[name] if r[key] is not None]
        return statistics.median(values) if values else None

    report.add()
    report.add(
        f"wrk -t2, medians of {len(results[targets[0][0]])} rounds; cached/anchor at -c{CACHED_CONNECTIONS}, "
        f"uncached/starter at -c{UNCACHED_CONNECTIONS}"
    )
    report.add(
        f"{'target':<34} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'CPU ms/req':>10} {'errors':>6} {'ratio':>7}  goal"
    )
    for name, _url, _conns, _master, anchor in targets:
        rps, p50, p99, cpu = (median(name, key) for key in ("rps", "p50", "p99", "cpu_ms"))
        errors = sum(r["errors"] for r in results[name])
        ratio, goal = "", ""
        if anchor:
            ratio = f"{rps / median(anchor, 'rps'):.3f}"
            goal = "≥ 0.5 of nginx, p99 < 50 ms" if anchor.startswith("nginx") else "≥ 0.5 of starter"
        cpu_text = f"{cpu:.1f}" if cpu is not None else "—"
        report.add(f"{name:<34} {rps:>9.0f} {p50:>8.1f} {p99:>8.1f} {cpu_text:>10} {errors:>6} {ratio:>7}  {goal}")
    first, deep = median("column list (uncached)", "rps"), median(f"column ?page={deep_page} (uncached)", "rps")
    report.add(f"1-minute load average after each round: {' '.join(f'{v:.2f}' for v in results['load'])}")
    report.add(f"deep page ?page={deep_page} costs {first / deep:.2f}× page 1 (time per request; goal ≤ 1.2)")


def report_memory(report, masters):
    report.add()
    report.add("worker memory after the rounds (MB; goal ≤ 150 per worker):")
    for name, master in masters.items():
        for pid in worker_pids(master.pid):
            figures = memory_mb(pid)
            if figures:
                report.add(
                    f"  {name:<14} worker {pid:>7}: RSS {figures['rss']:6.0f}  PSS {figures['pss']:6.0f}  "
                    f"USS {figures['uss']:6.0f}"
                )


# --- publish-to-visible ------------------------------------------------------------------------------------


def publish_to_visible(report, env, args, homes):
    token = f"{int(time.time()) % 100000:05d}"
    title = f"紧急通知：台风停水{token}"
    seen = {}
    stop = threading.Event()

    def poll(name, url):
        while not stop.is_set():
            try:
                if title in requests.get(url, timeout=10).text:
                    seen[name] = time.time()
                    return
            except requests.RequestException:
                pass
            time.sleep(0.1)

    load_seconds = 25 if args.quick else 40
    load = subprocess.Popen(
        ["wrk", "-t2", f"-c{CACHED_CONNECTIONS}", f"-d{load_seconds}s", "--latency", "--timeout", "5s", homes["nginx"]],
        stdout=subprocess.PIPE,
        text=True,
    )
    time.sleep(3)
    pollers = [threading.Thread(target=poll, args=item, daemon=True) for item in homes.items()]
    for thread in pollers:
        thread.start()
    code = PUBLISH.replace("TITLE", repr(title)).replace("SLUG", repr(f"bench-urgent-{token}"))
    times = shell_json(env, code)
    started, published = times["started"], times["published"]
    deadline = time.time() + 30
    while len(seen) < len(homes) and time.time() < deadline:
        time.sleep(0.1)
    stop.set()
    output, _ = load.communicate()
    figures = parse_wrk(output)
    report.add()
    report.add(
        f"publish-to-visible under load (wrk -t2 -c{CACHED_CONNECTIONS} on the home page via nginx, "
        "A + B behind it; goal ≤ 5 s, 0 errors):"
    )
    for name in homes:
        shown = f"{seen[name] - started:.2f} s" if name in seen else "not within 30 s"
        report.add(f"  {name:<6} home page shows the notice {shown} after publish() was called")
    report.add(f"  publish() took {published - started:.2f} s; the pages were polled every 0.1 s")
    report.add(
        f"  wrk during the publish: {figures['rps']:.0f} req/s, p99 {figures['p99']:.1f} ms, errors {figures['errors']}"
    )


if __name__ == "__main__":
    sys.exit(main())
