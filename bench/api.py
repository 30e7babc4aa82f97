"""Latency of the open read API (/api/v1/) on the demo county: p50 and p95 per endpoint.

    .venv/bin/python bench/api.py [--requests 200] [--keep]

In a temporary folder: SQLite, ``migrate``, ``collectstatic``, ``load_demo`` (DEBUG=0, as in
production; Redis is a private redis-server when installed, else the local-memory cache). Two
gunicorn instances with 2 sync workers each: ``cached`` (the page cache on: the anonymous API answers
come from it after the first) and ``uncached`` (PAGE_CACHE_SECONDS=0, every answer built). The detail
addresses are taken from the lists. Each round asks every endpoint of both instances once, in turn
(interleaved, so load on the machine spreads over all), for --requests rounds, with one client and
keep-alive off. Prints p50/p95 in milliseconds per endpoint and instance, the answer's size, and the
load average before and after. Asserts nothing.
"""

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))

from load_stack import Stack, free_port, manage, townsquare_env  # noqa: E402

LISTS = {
    "pages": "/api/v1/pages/",
    "pages?type=news": "/api/v1/pages/?type=news",
    "pages?town=qinghe": "/api/v1/pages/?town=qinghe",
    "guides": "/api/v1/guides/",
    "listings": "/api/v1/listings/",
    "requests": "/api/v1/requests/",
    "units": "/api/v1/units/",
    "weather": "/api/v1/weather/",
    "statistics/requests": "/api/v1/statistics/requests/",
    "statistics/disclosure": "/api/v1/statistics/disclosure/",
}


def detail_paths(base):
    """One detail address of each kind, from the first item of its list."""
    found = {}
    page = requests.get(base + "/api/v1/pages/?type=policy", timeout=30).json()["items"]
    if page:
        found["page (policy)"] = f"/api/v1/pages/{page[0]['id']}/"
    guide = requests.get(base + "/api/v1/guides/", timeout=30).json()["items"]
    if guide:
        found["guide"] = f"/api/v1/guides/{guide[0]['id']}/"
    listing = requests.get(base + "/api/v1/listings/", timeout=30).json()["items"]
    if listing:
        kind, number = listing[0]["id"].rsplit("-", 1)
        found["listing"] = f"/api/v1/listings/{kind}/{number}/"
    request = requests.get(base + "/api/v1/requests/", timeout=30).json()["items"]
    if request:
        found["request"] = f"/api/v1/requests/{request[0]['tracking_number']}/"
    found["page 2 (cursor)"] = requests.get(base + "/api/v1/pages/", timeout=30).json()["next"].removeprefix(base)
    return found


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    options = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="api-bench-"))
    stack = Stack(folder)
    try:
        redis_url = stack.start_redis()
        ports = {"cached": free_port(), "uncached": free_port()}
        database = f"sqlite:///{folder / 'db.sqlite3'}"
        env = townsquare_env(folder, f"http://127.0.0.1:{ports['cached']}", database, redis_url)
        env["API_RATE_LIMIT_PER_IP_MINUTE"] = "1000000"
        env["HTTPS"] = "0"
        print("preparing the demo county (migrate, collectstatic, load_demo)…", flush=True)
        manage(env, "migrate", "--no-input")
        manage(env, "collectstatic", "--no-input")
        manage(env, "load_demo")
        uncached_env = {**env, "PAGE_CACHE_SECONDS": "0"}
        stack.start_gunicorn("cached", ports["cached"], 2, env)
        stack.start_gunicorn("uncached", ports["uncached"], 2, uncached_env)
        bases = {name: f"http://127.0.0.1:{port}" for name, port in ports.items()}
        for base in bases.values():
            stack.wait_http(base + "/api/v1/units/")
        paths = {**LISTS, **detail_paths(bases["uncached"])}
        load_before = os.getloadavg()[:3]
        timings = {(name, label): [] for name in bases for label in paths}
        sizes = {}
        for _ in range(options.requests):
            for label, path in paths.items():
                for name, base in bases.items():
                    started = time.perf_counter()
                    response = requests.get(base + path, timeout=60, headers={"Connection": "close"})
                    timings[(name, label)].append((time.perf_counter() - started) * 1000)
                    if response.status_code != 200:
                        raise SystemExit(f"{name} {path}: HTTP {response.status_code}")
                    sizes[label] = len(response.content)
        load_after = os.getloadavg()
        print(f"\n{options.requests} requests per endpoint and instance; milliseconds, wall time at the client")
        print(f"{'endpoint':<24}{'bytes':>8}{'cached p50':>12}{'p95':>8}{'uncached p50':>14}{'p95':>8}")
        for label in paths:
            cached, uncached = timings[("cached", label)], timings[("uncached", label)]
            print(
                f"{label:<24}{sizes[label]:>8}{statistics.median(cached):>12.1f}{percentile(cached, 0.95):>8.1f}"
                f"{statistics.median(uncached):>14.1f}{percentile(uncached, 0.95):>8.1f}"
            )
        before, after = (" ".join(f"{value:.2f}" for value in load) for load in (load_before, load_after))
        print(f"\nload average (1, 5, 15 min) before {before}, after {after}")
        print(f"{os.cpu_count()} CPUs; redis: {'yes' if redis_url else 'no (local-memory cache)'}")
    finally:
        stack.stop()
        if options.keep:
            print(f"kept {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
