"""CPU per uncached request of each public page type, next to a stock Wagtail starter page.

    .venv/bin/python bench/page_cpu.py [--rounds 5] [--requests 20] [--starter DIR] [--profile OUT] [--only NAME,...]

Child processes answer requests through the Django test client, DEBUG off. Townsquare serves the
demo county (the current settings: point DATABASE_URL / TOWNSQUARE_VAR_DIR at a copy loaded with
``manage.py load_demo`` and collected with ``collectstatic``) in two processes: "bare" with
PAGE_CACHE_SECONDS=0 and a dummy shared cache, nothing kept at all (no fragments, values or site);
"miss" with the page cache on but passed by (as on a cache miss: the page is built, from the
fragments and values kept in the shared cache). The anchor is
the home page of a stock ``wagtail start`` project (made, migrated and reused in --starter, default
/tmp/page_cpu_starter). Each round asks for --requests requests of the anchor, then of each page
of each Townsquare process in turn, timed in the answering process's CPU time
(``time.process_time``: other load on the machine costs wall time, less so CPU time). The medians
over rounds are printed with the ratio page / anchor, and the load average before and after.
--profile OUT writes a cProfile summary (in CPU time) of every page ("bare") instead: top entries by
cumulative and by own time; --only NAME,... limits it (or the timing) to those page types. It asserts nothing.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAGES = {
    "home": "/",
    "town home": "/qinghe/",
    "column list": "/xinwen/",
    "town column": "/qinghe/tongzhi/",
    "article": "/qinghe/dongtai/qinghe-dami-pinpai/",
    "policy": "/renshe/zhengce/jiuye-kunnan-renyuan-rending/",
    "publicity": "/qinghe/gongshi/qinghe-zuimei-jiating/",
    "/banshi/ finder": "/banshi/",
    "guide": "/qinghe/banshi/nongcun-jianfang/",
    "/liuyan/public/": "/liuyan/public/",
    "/liuyan/stats/": "/liuyan/stats/",
    "listings index": "/shenghuo/",
    "listings list": None,  # the first kind's list, found by the child
    "search": "/search/?q=%E7%A4%BE%E4%BF%9D%E5%8D%A1",  # 社保卡
}
ANCHOR = "starter home"


# --- the children ------------------------------------------------------------------------------------


def serve(kind):
    """Read JSON commands on stdin, answer JSON lines on stdout."""
    if kind == "starter":
        sys.path.insert(0, os.getcwd())
        os.environ["DJANGO_SETTINGS_MODULE"] = "starter.settings.production"
    else:
        sys.path.insert(0, str(ROOT))
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "townsquare.settings")
        if kind == "bare":
            os.environ["PAGE_CACHE_SECONDS"] = "0"
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client

    if kind == "starter":
        settings.SECRET_KEY = "page-cpu-bench-only"
        settings.ALLOWED_HOSTS = ["*"]
    if kind == "bare":
        # Nothing kept, nothing found: not even what the "miss" process keeps in the shared cache.
        settings.CACHES[settings.PAGE_CACHE_ALIAS] = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    # "miss": the page cache on but passed by (a cookie of no use to the site, as a session would),
    # so the page is built each time from the fragments and values kept in the cache.
    client = Client(HTTP_COOKIE="page_cpu_bench=1") if kind == "miss" else Client()
    for line in sys.stdin:
        command = json.loads(line)
        path = command["path"] or _first_listing_list()
        response = client.get(path)
        if response.status_code != 200:
            print(json.dumps({"error": f"{path}: HTTP {response.status_code}"}), flush=True)
            continue
        if command.get("profile"):
            print(json.dumps({"profile": _profile(client, path, command["requests"])}), flush=True)
            continue
        started = time.process_time()
        for _ in range(command["requests"]):
            client.get(path)
        ms = (time.process_time() - started) * 1000 / command["requests"]
        print(json.dumps({"ms": ms, "bytes": len(response.content), "path": path}), flush=True)


def _first_listing_list():
    from django.urls import reverse

    from townsquare.listings.public import KIND_PAGES

    return reverse(f"listings:{next(iter(KIND_PAGES))}_list")


def _profile(client, path, requests):
    import cProfile
    import io
    import pstats

    profiler = cProfile.Profile(time.process_time)  # CPU time: what other load on the machine does not inflate
    profiler.enable()
    for _ in range(requests):
        client.get(path)
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("cumulative").print_stats(45)
    stats.sort_stats("tottime").print_stats(20)
    return out.getvalue()


def start_child(kind, cwd):
    env = dict(os.environ)
    if kind == "starter":
        env.pop("DATABASE_URL", None)
    return subprocess.Popen(
        [sys.executable, str(Path(__file__).resolve()), "--serve", kind],
        cwd=cwd,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )


def ask(child, **command):
    child.stdin.write(json.dumps(command) + "\n")
    child.stdin.flush()
    answer = json.loads(child.stdout.readline())
    if "error" in answer:
        raise SystemExit(answer["error"])
    return answer


def make_starter(directory):
    directory = Path(directory)
    if not (directory / "manage.py").exists():
        directory.mkdir(parents=True, exist_ok=True)
        wagtail = Path(sys.executable).parent / "wagtail"
        subprocess.run([str(wagtail), "start", "starter", str(directory)], check=True)
        production = dict(os.environ, DJANGO_SETTINGS_MODULE="starter.settings.production", SECRET_KEY="bench")
        production.pop("DATABASE_URL", None)
        for command in (["migrate"], ["collectstatic", "--noinput"]):
            subprocess.run([sys.executable, "manage.py", *command, "-v0"], cwd=directory, env=production, check=True)
    return directory


# --- the parent --------------------------------------------------------------------------------------


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--starter", default="/tmp/page_cpu_starter")
    parser.add_argument("--profile", metavar="OUT")
    parser.add_argument("--only", help="comma-separated page type names (default: all)")
    parser.add_argument("--serve", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        return serve(args.serve)
    if args.only:
        wanted = args.only.split(",")
        for name in [name for name in PAGES if name not in wanted]:
            del PAGES[name]

    townsquare = start_child("bare", ROOT)
    if args.profile:
        with open(args.profile, "w", encoding="utf-8") as out:
            for name, path in PAGES.items():
                out.write(f"===== {name} ({path or 'listings'}) x{args.requests}\n")
                out.write(ask(townsquare, path=path, requests=args.requests, profile=True)["profile"])
        townsquare.stdin.close()
        townsquare.wait()
        return

    starter = start_child("starter", make_starter(args.starter))
    miss = start_child("miss", ROOT)
    load_before = os.getloadavg()
    samples = {(mode, name): [] for mode in ("bare", "miss") for name in PAGES}
    anchor_samples = []
    sizes = {}
    for _ in range(args.rounds):
        anchor_samples.append(ask(starter, path="/", requests=args.requests)["ms"])
        for name, path in PAGES.items():
            for mode, child in (("bare", townsquare), ("miss", miss)):
                answer = ask(child, path=path, requests=args.requests)
                samples[mode, name].append(answer["ms"])
                sizes[name] = (answer["path"], answer["bytes"])
    load_after = os.getloadavg()
    for child in (starter, townsquare, miss):
        child.stdin.close()
        child.wait()

    anchor = statistics.median(anchor_samples)
    print(f"{args.rounds} rounds x {args.requests} requests, CPU ms per request (median of rounds).")
    print("bare: PAGE_CACHE_SECONDS=0 and no shared cache, nothing kept;")
    print("miss: page cache on but passed by, kept fragments and values used.")
    print(f"{'page':<16} {'path':<46} {'KB':>5} {'bare ms':>8} {'×':>5} {'miss ms':>8} {'×':>5}")
    print(f"{ANCHOR:<16} {'/ (wagtail start)':<46} {'':>5} {anchor:8.2f} {1:5.2f}")
    for name in PAGES:
        path, size = sizes[name]
        bare, cached = (statistics.median(samples[mode, name]) for mode in ("bare", "miss"))
        ratios = f"{bare:8.2f} {bare / anchor:5.2f} {cached:8.2f} {cached / anchor:5.2f}"
        print(f"{name:<16} {path:<46} {size / 1024:5.1f} {ratios}")
    print("load average before: {:.2f} {:.2f} {:.2f}, after: {:.2f} {:.2f} {:.2f}".format(*load_before, *load_after))


if __name__ == "__main__":
    main()
