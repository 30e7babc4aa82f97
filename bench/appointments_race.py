"""Booking under load: N concurrent clients book into a few slots through a real server; never overbooked.

    .venv/bin/python bench/appointments_race.py [--clients 16] [--attempts 12] [--slots 2] [--capacity 72]
                                               [--workers 2] [--threads 8] [--only sqlite|postgres]

For each database (SQLite in a temporary folder; PostgreSQL in its own database
``ts_appts_bench`` when one answers on 127.0.0.1:5432, or BENCH_POSTGRES_URL) it migrates
a fresh database, creates one bookable service with ``--slots`` slots of ``--capacity``
places tomorrow, starts gunicorn (``--workers`` processes x ``--threads`` threads) and lets
``--clients`` threads each send ``--attempts`` booking forms (GET the page once for the
CSRF token, then POST with a new phone number each time) at randomly chosen slots, all at
once. It prints requests and bookings per second and then counts, in the database,
overbookings: places booked beyond capacity, and slots whose counter disagrees with their
bookings. Both must be 0.
"""

import argparse
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import requests

REPO = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PG_URL = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/ts_appts_bench")
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')

SETUP = r"""
import json, sys
from datetime import timedelta
from django.utils import timezone
from wagtail.models import Page, Site
from townsquare.publishing.models import HomePage
from townsquare.publishing.provisioning import provision_unit
from townsquare.services.models import ServiceGuidePage, ServiceIndexPage
from townsquare.units.models import Unit
from townsquare.appointments.models import BookableService, DayException, Slot, Window

slots, capacity = int(sys.argv[1]), int(sys.argv[2])
unit = Unit.objects.create(name="压测县", short_name="压测县", slug="bench", kind=Unit.Kind.COUNTY)
root = Page.get_first_root_node()
for page in Page.objects.child_of(root):
    page.delete()
home = HomePage(title="压测县", slug="home", unit=unit)
root.add_child(instance=home)
home.save_revision().publish()
Site.objects.all().delete()
Site.objects.create(hostname="127.0.0.1", port=80, root_page=home, is_default_site=True, site_name="压测县")
provision_unit(unit, home)  # the unit's columns, its 办事指南 index among them
index = ServiceIndexPage.objects.child_of(home).get()
guide = ServiceGuidePage(title="压测事项", slug="bench-guide", unit=unit, incomplete_reason="压测用")
index.add_child(instance=guide)
guide.save_revision().publish()
window = Window.objects.create(unit=unit, name="压测窗口", place="压测大厅")
tomorrow = timezone.localdate() + timedelta(days=1)
hours = f"09:00-{9 + slots // 2:02d}:{30 * (slots % 2):02d}"
service = BookableService.objects.create(guide=guide, window=window, capacity=capacity, slot_minutes=30,
                                         hours="09:00-09:30", weekdays="1", open_on_makeup_days=False,
                                         days_ahead=1, max_per_phone_per_day=1)
DayException.objects.create(service=service, day=tomorrow, hours=hours, capacity=capacity)
ids = list(Slot.objects.filter(service=service, day=tomorrow, withdrawn=False).values_list("pk", flat=True))
assert len(ids) == slots, ids
print(json.dumps({"service": service.pk, "day": tomorrow.isoformat(), "slots": ids}))
"""

COUNT = r"""
import json
from django.db.models import Count, Q
from townsquare.appointments.models import Booking, Slot
rows = Slot.objects.annotate(active=Count("bookings", filter=Q(bookings__status__in=["booked", "checked_in"])))
over = sum(max(0, row.active - row.capacity) for row in rows)
mismatch = sum(1 for row in rows if row.active != row.booked)
print(json.dumps({"overbooked": over, "mismatched": mismatch, "bookings": Booking.objects.count(),
                  "capacity": sum(row.capacity for row in rows if row.day.isoformat() == "%s")}))
"""


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(env, *args, stdin=None):
    result = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=REPO, env=env, input=stdin, capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise SystemExit(f"manage.py {' '.join(args[:1])} failed:\n{result.stderr[-3000:]}")
    return result.stdout


def shell(env, code, *argv):
    wrapped = f"import sys; sys.argv = ['x', *{list(argv)!r}]\n" + code
    return manage(env, "shell", "-c", wrapped).strip().splitlines()[-1]


def postgres_up():
    try:
        with socket.create_connection(("127.0.0.1", 5432), timeout=1):
            return True
    except OSError:
        return False


def reset_postgres(url):
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def client(base, setup, attempts, number, results, barrier):
    session = requests.Session()
    url = f"{base}/yuyue/s/{setup['service']}/?day={setup['day']}"
    page = session.get(url, timeout=30)
    token = CSRF.search(page.text).group(1)
    rng = random.Random(number)
    counts = {"booked": 0, "full": 0, "busy": 0, "other": 0}
    barrier.wait()
    for attempt in range(attempts):
        data = {
            "csrfmiddlewaretoken": token,
            "day": setup["day"],
            "slot": str(rng.choice(setup["slots"])),
            "name": f"压测{number}",
            "phone": f"13{number:04d}{attempt:05d}",
            "email": "",
            "homepage": "",
            "submission_key": f"bench-{number:04d}-{attempt:05d}-xxxxxxxx",
        }
        response = session.post(url, data=data, allow_redirects=False, headers={"Referer": url}, timeout=60)
        if response.status_code == 302:
            counts["booked"] += 1
        elif response.status_code in (400, 409) and "约满" in response.text:
            counts["full"] += 1
        elif response.status_code in (409, 503) and ("很多" in response.text or "故障" in response.text):
            counts["busy"] += 1
        else:
            counts["other"] += 1
    results[number] = counts


def run(label, database_url, args):
    tmp = Path(tempfile.mkdtemp(prefix="appts-bench-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "townsquare.settings",
        "TOWNSQUARE_VAR_DIR": str(tmp),
        "STATICFILES_BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
        "APPOINTMENT_BOOKINGS_PER_IP_HOUR": "100000000",
        "APPOINTMENT_MIN_NOTICE_MINUTES": "0",
        "LOG_LEVEL": "WARNING",
    }
    env.pop("DATABASE_URL", None)
    if database_url:
        env["DATABASE_URL"] = database_url
        reset_postgres(database_url)
    server = None
    try:
        manage(env, "migrate", "--noinput", "-v0")
        import json

        setup = json.loads(shell(env, SETUP, str(args.slots), str(args.capacity)))
        port = free_port()
        server = subprocess.Popen(
            [
                PYTHON,
                "-m",
                "gunicorn",
                "townsquare.wsgi",
                "-b",
                f"127.0.0.1:{port}",
                "-w",
                str(args.workers),
                "--threads",
                str(args.threads),
                "--log-level",
                "warning",
                "--timeout",
                "120",
            ],
            cwd=REPO,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 90
        while True:
            if server.poll() is not None:
                raise SystemExit(f"the server stopped:\n{server.stderr.read().decode()[-3000:]}")
            try:
                if requests.get(f"{base}/yuyue/", timeout=20).status_code == 200:
                    break
            except requests.RequestException:
                pass
            if time.monotonic() > deadline:
                raise SystemExit("the server did not answer within 90 s")
            time.sleep(0.3)
        results = {}
        barrier = threading.Barrier(args.clients + 1)
        threads = [
            threading.Thread(target=client, args=(base, setup, args.attempts, n, results, barrier))
            for n in range(args.clients)
        ]
        for thread in threads:
            thread.start()
        barrier.wait()
        started = time.perf_counter()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - started
        total = {key: sum(r[key] for r in results.values()) for key in ("booked", "full", "busy", "other")}
        facts = json.loads(shell(env, COUNT % setup["day"]))
        requests_sent = args.clients * args.attempts
        print(
            f"{label}: {args.clients} clients x {args.attempts} bookings, {args.slots} slots x {args.capacity} places, "
            f"gunicorn {args.workers}x{args.threads}\n"
            f"  {requests_sent / elapsed:.1f} booking requests/s, {total['booked'] / elapsed:.1f} bookings/s "
            f"({elapsed:.2f} s)\n"
            f"  booked {total['booked']} of {facts['capacity']} places; full {total['full']}, busy {total['busy']}, "
            f"other {total['other']}; bookings in the database {facts['bookings']}\n"
            f"  overbookings: {facts['overbooked']}   slots whose counter disagrees: {facts['mismatched']}"
        )
        return facts["overbooked"] + facts["mismatched"]
    finally:
        if server is not None:
            server.terminate()
            try:
                server.wait(10)
            except subprocess.TimeoutExpired:
                server.kill()
        shutil.rmtree(tmp, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--attempts", type=int, default=12)
    parser.add_argument("--slots", type=int, default=2)
    parser.add_argument("--capacity", type=int, default=72)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--only", choices=["sqlite", "postgres"])
    args = parser.parse_args()
    bad = 0
    if args.only != "postgres":
        bad += run("SQLite", "", args)
    if args.only != "sqlite":
        if postgres_up():
            bad += run("PostgreSQL", PG_URL, args)
        else:
            print("PostgreSQL: skipped, nothing answers on 127.0.0.1:5432")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
