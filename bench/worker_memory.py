"""Memory per gunicorn worker after mixed traffic, with and without loading the application before fork.

    .venv/bin/python bench/worker_memory.py [--requests 200] [--workers 2] [--rounds 1] [--port 8190]

Starts the production stack's gunicorn (scripts/serve_prod.py, no nginx, no worker or scheduler; the
database `make serve-prod` set up: townsquare_prod on PostgreSQL when one answers, else SQLite under
var/) with GUNICORN_PRELOAD=1 and =0 in turn (rounds interleaved), sends ``--requests`` mixed requests
(pages, search with Chinese and pinyin queries, 留言 lists and statistics, Open311) straight to gunicorn,
and reads each worker's USS (private: Private_Clean + Private_Dirty) and PSS from /proc/PID/smaps_rollup.
Prints a table in MB with the load average. Run `make serve-prod` once before (it loads the demo).
"""

import argparse
import itertools
import os
import sys
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from scripts.serve_prod import Stack  # noqa: E402

QUERIES = [
    "社保卡",
    "shebao",
    "低保申请",
    "公积金提取",
    "yibao",
    "入学",
    "示政办发〔2026〕12号",
    "路灯",
    "dibao",
    "办证",
]
PAGES = [
    "/",
    "/xinwen/",
    "/xinwen/?page=2",
    "/tongzhi/",
    "/banshi/",
    "/liuyan/public/",
    "/liuyan/stats/",
    "/tianqi/",
    "/shenghuo/",
    "/qinghe/",
    "/open311/v2/services.json",
    "/open311/v2/requests.json",
]


def urls(count):
    search = (f"/search/?q={urllib.parse.quote(q)}" for q in itertools.cycle(QUERIES))
    pages = itertools.cycle(PAGES)
    return [next(search) if i % 3 == 0 else next(pages) for i in range(count)]


def get(port, path):
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=60) as response:
            response.read()
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def workers_of(master_pid):
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()
    return [int(pid) for pid in children]


def memory(pid):
    """(USS, PSS) in MB from smaps_rollup."""
    fields = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
        name, value, *_ = line.split()
        fields[name.rstrip(":")] = int(value)
    return (fields["Private_Clean"] + fields["Private_Dirty"]) / 1024, fields["Pss"] / 1024


def measure(preload, port, workers, count):
    stack = Stack(port - 1, 1, workers, nginx=False, background=False, env={"GUNICORN_PRELOAD": preload})
    with stack:
        if not stack.wait_ready(timeout=120):
            raise SystemExit("gunicorn did not start")
        statuses = [get(port, path) for path in urls(count)]
        master = stack.processes["web-1"].pid
        figures = [memory(pid) for pid in workers_of(master)]
        master_figures = memory(master)
    errors = sum(1 for status in statuses if status >= 500)
    return figures, master_figures, errors


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--port", type=int, default=8190)
    args = parser.parse_args()
    os.chdir(ROOT)
    print(f"{'preload':8} {'worker':>7} {'USS MB':>8} {'PSS MB':>8}   errors  (load {os.getloadavg()[0]:.2f})")
    for _ in range(args.rounds):
        for preload in ("1", "0"):
            figures, (master_uss, master_pss), errors = measure(preload, args.port, args.workers, args.requests)
            for number, (uss, pss) in enumerate(figures, 1):
                print(f"{preload:8} {number:>7} {uss:8.1f} {pss:8.1f}   {errors}")
            print(f"{preload:8} {'master':>7} {master_uss:8.1f} {master_pss:8.1f}")
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
