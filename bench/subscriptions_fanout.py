"""Urgent notice fan-out: from publishing a 停水 notice to the last of N subscribers' messages handed to SMTP.

    .venv/bin/python bench/subscriptions_fanout.py [--subscribers 10000] [--workers 2] [--batch 500]

Makes a fresh PostgreSQL database ``ts_subs_bench`` (BENCH_POSTGRES_URL to use another), migrates it,
creates one county with one town and ``--subscribers`` confirmed subscribers of that town's
停水停电 category (bulk_create, weekly digest — the notice is urgent, so they get it at once), starts a
real SMTP server on loopback (aiosmtpd, counting what arrives) and ``--workers`` task workers
(``manage.py db_worker``, the database task backend), then publishes the notice in this process.
Prints the seconds from the publish call to the last message received by the SMTP server (goal:
under 60 s for 10,000), messages per second and the load average. The database is dropped at the end.
"""

import argparse
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PG_URL = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/ts_subs_bench")


def recreate_database(url):
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def drop_database(url):
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def free_port():
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Counter:
    """The aiosmtpd handler: counts messages and notes when the last one arrived."""

    def __init__(self, expected):
        self.expected, self.count, self.last = expected, 0, None
        self.done = threading.Event()
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.count += 1
            self.last = time.monotonic()
            if self.count >= self.expected:
                self.done.set()
        return "250 OK"


def build_county(subscribers):
    from django.utils import timezone
    from wagtail.models import Page, Site

    from townsquare.publishing.models import HomePage, UnitHomePage
    from townsquare.publishing.provisioning import provision_unit
    from townsquare.subscriptions.models import Frequency, Kind, Subscriber, Subscription
    from townsquare.units.models import Unit

    county = Unit.objects.create(name="压测县人民政府", short_name="压测县", slug="bench", kind=Unit.Kind.COUNTY)
    town = Unit.objects.create(name="压测镇", short_name="压测镇", slug="yace", kind=Unit.Kind.TOWN, parent=county)
    root = Page.get_first_root_node()
    for page in Page.objects.child_of(root):
        page.delete()
    home = HomePage(title="压测县", slug="home", unit=county)
    root.add_child(instance=home)
    home.save_revision().publish()
    Site.objects.all().delete()
    Site.objects.create(hostname="127.0.0.1", port=80, root_page=home, is_default_site=True, site_name="压测县")
    provision_unit(county, home)
    town_home = UnitHomePage(title="网上的压测镇", slug="yace", unit=town)
    home.add_child(instance=town_home)
    town_home.save_revision().publish()
    columns = {column.kind: column for column in provision_unit(town, town_home)}
    now = timezone.now()
    people = Subscriber.objects.bulk_create(
        [Subscriber(email=f"jumin{n}@example.com", confirmed_at=now) for n in range(subscribers)], batch_size=2000
    )
    Subscription.objects.bulk_create(
        [
            Subscription(subscriber=p, kind=Kind.UTILITIES, unit=town, frequency=Frequency.WEEKLY, confirmed_at=now)
            for p in people
        ],
        batch_size=2000,
    )
    return columns["notice"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--subscribers", type=int, default=10000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--batch", type=int, default=500)
    args = parser.parse_args()

    from aiosmtpd.controller import Controller

    counter = Counter(args.subscribers)
    port = free_port()
    smtp = Controller(counter, hostname="127.0.0.1", port=port)
    smtp.start()

    env = dict(
        os.environ,
        DATABASE_URL=PG_URL,
        DJANGO_SETTINGS_MODULE="townsquare.settings",
        TASKS_BACKEND="django_tasks_db.DatabaseBackend",
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(port),
        SUBSCRIPTIONS_BATCH_SIZE=str(args.batch),
    )
    os.environ.update(env)
    sys.path.insert(0, str(REPO))
    recreate_database(PG_URL)
    import django

    django.setup()
    import logging

    logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd logs every command otherwise
    from django.core.management import call_command

    print("migrating a fresh database …", flush=True)
    call_command("migrate", verbosity=0)
    column = build_county(args.subscribers)
    print(f"{args.subscribers} confirmed subscribers of 压测镇 · 停水停电", flush=True)

    workers = [
        subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--interval", "0.2", "--worker-id", f"bench{n}"],
            cwd=REPO,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for n in range(args.workers)
    ]
    try:
        time.sleep(3)  # the workers are up and polling
        from townsquare.publishing.models import NoticePage

        notice = NoticePage(
            title="压测镇东街片区明日停水的通知",
            slug="tingshui",
            summary="因管网改造，明天8:00至18:00东街片区停水，请提前储水。",
            disruption=NoticePage.Disruption.WATER,
        )
        column.add_child(instance=notice)
        revision = notice.save_revision()
        load_before = os.getloadavg()
        started = time.monotonic()
        revision.publish()
        published = time.monotonic()
        finished = counter.done.wait(timeout=600)
        load_after = os.getloadavg()
    finally:
        for worker in workers:
            worker.terminate()
        for worker in workers:
            worker.wait(timeout=30)
        smtp.stop()
        from django.db import connections

        connections.close_all()
        drop_database(PG_URL)

    elapsed = (counter.last or time.monotonic()) - started
    print(f"publish call (finds the subscribers, enqueues the batches): {published - started:.2f} s")
    print(f"messages received by the SMTP server: {counter.count} of {args.subscribers}")
    print(f"publish → last message handed to SMTP: {elapsed:.1f} s ({'under' if elapsed < 60 else 'OVER'} 60 s)")
    print(f"throughput: {counter.count / elapsed:.0f} messages/s with {args.workers} workers, batches of {args.batch}")
    before, after = (" ".join(f"{value:.2f}" for value in load[:2]) for load in (load_before, load_after))
    print(f"load average (1 and 5 min) before: {before}; after: {after}")
    return 0 if finished else 1


if __name__ == "__main__":
    sys.exit(main())
