"""Redis round trips and wall time per public request, by page and by the way it is answered.

    .venv/bin/python bench/redis_round_trips.py [--requests 20] [--only NAME,...] [--commands]

Needs REDIS_URL (and, like bench/page_cpu.py, DATABASE_URL / TOWNSQUARE_VAR_DIR pointing at a copy of the
demo county loaded with ``manage.py load_demo``). One process answers through the Django test client,
DEBUG off, with a browser's User-Agent so that every view is counted (visits/counting.py). Each page is
asked for in four ways:

- "hit": an anonymous visitor, the page kept in the page cache;
- "miss": an anonymous visitor, the page not kept (its entry deleted first), built and kept;
- "cookie": a visitor with a cookie of no use to the site (the page cache passed by, the page built
  from the fragments and values kept in the shared cache), as bench/page_cpu.py's "miss";
- "uncounted": as "hit", from a robot's User-Agent (no visit counted).

A round trip is one packed command written to a Redis connection (redis-py's
``Connection.send_packed_command``: a pipeline or a script is one). The table gives the round trips
and Redis commands per request (the median over --requests) and the wall milliseconds per request.
--commands lists the commands of one request of each kind. Asserts nothing.
"""

import argparse
import os
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "townsquare.settings")

PAGES = {
    "home": "/",
    "town home": "/qinghe/",
    "article": "/qinghe/dongtai/qinghe-dami-pinpai/",
    "publicity": "/qinghe/gongshi/qinghe-zuimei-jiating/",
    "town column": "/qinghe/tongzhi/",
    "guide": "/qinghe/banshi/nongcun-jianfang/",
}
BROWSER = "Mozilla/5.0 (Linux; Android 13) AppleWebKit/537.36 Chrome/120 Mobile Safari/537.36"
ROBOT = "Mozilla/5.0 (compatible; Baiduspider/2.0)"


class Counting:
    """Counts what is written to Redis connections while ``active``."""

    def __init__(self):
        self.active = False
        self.round_trips = 0
        self.commands = Counter()

    def install(self):
        from redis.connection import AbstractConnection

        packed, counter = AbstractConnection.send_packed_command, self

        def send_packed_command(connection, command, check_health=True):
            if counter.active:
                counter.round_trips += 1
            return packed(connection, command, check_health)

        pack = AbstractConnection.pack_commands

        def pack_commands(connection, commands):
            if counter.active:
                counter.commands.update(str(args[0]) for args in commands)
            return pack(connection, commands)

        single = AbstractConnection.send_command

        def send_command(connection, *args, **kwargs):
            if counter.active:
                counter.commands[str(args[0])] += 1
            return single(connection, *args, **kwargs)

        AbstractConnection.send_packed_command = send_packed_command
        AbstractConnection.pack_commands = pack_commands
        AbstractConnection.send_command = send_command

    def measure(self, call):
        self.round_trips, self.commands = 0, Counter()
        self.active = True
        started = time.perf_counter()
        try:
            call()
        finally:
            self.active = False
        return self.round_trips, sum(self.commands.values()), (time.perf_counter() - started) * 1000


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--only", help="comma-separated page names (default: all)")
    parser.add_argument("--commands", action="store_true")
    args = parser.parse_args()
    if not os.environ.get("REDIS_URL"):
        raise SystemExit("REDIS_URL is not set: there is no Redis to count round trips to.")
    import django

    django.setup()
    from django.test import Client

    from townsquare.core.pagecache.middleware import page_key
    from townsquare.core.pagecache.tags import tag_cache

    counter = Counting()
    counter.install()
    browser, robot = Client(HTTP_USER_AGENT=BROWSER), Client(HTTP_USER_AGENT=ROBOT)
    cookie = Client(HTTP_USER_AGENT=BROWSER, HTTP_COOKIE="redis_round_trips=1")
    pages = {name: path for name, path in PAGES.items() if not args.only or name in args.only.split(",")}

    print(f"{args.requests} requests each; round trips / commands per request (median), wall ms (median)")
    print(f"{'page':<12} {'hit':>14} {'miss':>14} {'cookie':>14} {'uncounted':>14}")
    listed = {}
    for name, path in pages.items():
        ways = {
            "hit": lambda path=path: browser.get(path),
            "miss": lambda path=path: browser.get(path),
            "cookie": lambda path=path: cookie.get(path),
            "uncounted": lambda path=path: robot.get(path),
        }
        cells = []
        for way, call in ways.items():
            call()  # warm: the process's first request of the page
            if way == "miss":  # the deletion's own round trip is not the request's
                samples = []
                for _ in range(args.requests):
                    request = browser.get(path).wsgi_request
                    tag_cache().delete(page_key(request, False))
                    samples.append(counter.measure(lambda path=path: browser.get(path)))
            else:
                samples = [counter.measure(call) for _ in range(args.requests)]
            listed[name, way] = dict(counter.commands)
            trips, commands, wall = (statistics.median(column) for column in zip(*samples, strict=True))
            cells.append(f"{trips:>3.0f}/{commands:>3.0f} {wall:6.1f}ms")
        print(f"{name:<12} " + " ".join(f"{cell:>14}" for cell in cells))
    print("load average: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    if args.commands:
        for (name, way), commands in listed.items():
            print(f"{name} {way}: {commands}")


if __name__ == "__main__":
    main()
