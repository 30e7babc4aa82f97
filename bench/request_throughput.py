"""Submissions per second of residents' requests through the web form and through Open311, against a real server.

    .venv/bin/python bench/request_throughput.py [-n 40] [--clients 1,4] [--workers 4] [--backends sqlite,postgres]

For each database — a temporary SQLite file, and PostgreSQL when it answers (database
``ts_reqpath_bench`` on 127.0.0.1:5432, created fresh and dropped afterwards; --pg-url to
change) — the bench migrates an empty database, adds the test county with four request
categories and an Open311 key, starts gunicorn (``townsquare.wsgi``, --workers sync
workers, as in the README's deployment) and sends, for every number of concurrent
clients in --clients, N submissions:

- web form: one resident = a fresh HTTP session: GET /liuyan/, read the form from the page
  (CSRF token, submission key, the category and type choices), POST every field, follow
  the redirect to the done page and check that it shows the request's number (and
  whether it shows the query password). The whole path is timed.
- Open311: POST /open311/v2/requests.json with the API key and an Idempotency-Key.

Then it counts in the database what was created (each submission carries its own marker in
its title): created must equal sent, with no duplicates and none lost.

Settings come from the environment as for any deployment: the bench raises the form's rate
limits (REQUEST_RATE_LIMIT_PER_IP_HOUR, REQUEST_RATE_LIMIT_PER_CONTACT_DAY: every client
comes from 127.0.0.1), uses Redis as the cache when one answers on 127.0.0.1:6379 (database
14, whose townsquare keys it deletes before and after each database; --cache locmem for each
worker's own memory) and whatever query-password hashing the code has. It prints figures and
asserts nothing about speed; the exit status is 1 when a count does not match.
"""

import argparse
import json
import os
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

API_KEY = "bench-open311-key"
PG_URL = "postgres://postgres@127.0.0.1:5432/ts_reqpath_bench"
REDIS_URL = "redis://127.0.0.1:6379/14"
DETAILS = "东街口的路灯坏了一个星期，晚上很黑，老人走路容易摔倒，请尽快修。（{marker}）"
HIGH_LIMIT = "1000000"


# --- the parent: one child process per database ----------------------------------------------------


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=40, help="submissions per measurement (default 40)")
    parser.add_argument("--clients", default="1,4", help="numbers of concurrent clients, comma-separated (default 1,4)")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn sync workers (default 4)")
    parser.add_argument("--backends", default="sqlite,postgres", help="sqlite, postgres or both (default both)")
    parser.add_argument("--pg-url", default=PG_URL, help=f"PostgreSQL database to create and drop (default {PG_URL})")
    parser.add_argument(
        "--cache",
        choices=["auto", "redis", "locmem"],
        default="auto",
        help=f"auto: Redis ({REDIS_URL}) when it answers, else each worker's memory",
    )
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    args.clients = [int(value) for value in args.clients.split(",") if value.strip()]
    if args.child:
        return child(args)

    redis_url = ""
    if args.cache == "redis" or (args.cache == "auto" and answers("127.0.0.1", 6379)):
        redis_url = REDIS_URL
    rows, notes, status = [], [], 0
    for backend in [name.strip() for name in args.backends.split(",") if name.strip()]:
        if backend == "postgres":
            problem = recreate_postgres(args.pg_url)
            if problem:
                notes.append(f"PostgreSQL: not measured ({problem}).")
                continue
        with tempfile.TemporaryDirectory(prefix="townsquare-bench-") as folder:
            env = server_env(folder, backend, args.pg_url, redis_url)
            result_file = Path(folder, "results.json")
            command = [
                sys.executable,
                __file__,
                "--child",
                str(result_file),
                "-n",
                str(args.n),
                "--clients",
                ",".join(map(str, args.clients)),
                "--workers",
                str(args.workers),
            ]
            code = subprocess.call(command, env=env, cwd=ROOT)
            if result_file.exists():
                rows += json.loads(result_file.read_text())
            if code:
                status = 1
                notes.append(f"{backend}: the run stopped early (exit status {code}), see above.")
        if backend == "postgres":
            drop_postgres(args.pg_url)
    print_table(rows, args.workers, redis_url)
    for note in notes:
        print(note)
    if any(row["created"] != row["sent"] or row["duplicates"] for row in rows):
        status = 1
    return status


def answers(host, port):
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def _pg_parts(url):
    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    return admin, name


def recreate_postgres(url):
    """Drop and create the bench database; returns a reason when PostgreSQL cannot be used."""
    try:
        import psycopg
        from psycopg import sql
    except ImportError:
        return "psycopg is not installed"
    admin, name = _pg_parts(url)
    try:
        with psycopg.connect(admin, autocommit=True, connect_timeout=3) as connection:
            connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    except psycopg.Error as error:
        return f"{admin}: {str(error).strip().splitlines()[0]}"
    return ""


def drop_postgres(url):
    import psycopg
    from psycopg import sql

    admin, name = _pg_parts(url)
    with psycopg.connect(admin, autocommit=True, connect_timeout=3) as connection:
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def server_env(folder, backend, pg_url, redis_url):
    """The environment of the child and of gunicorn: a deployment's settings, with the rate limits raised."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "townsquare.settings",
        "TOWNSQUARE_VAR_DIR": folder,
        "DATABASE_URL": f"sqlite:///{folder}/bench.sqlite3" if backend == "sqlite" else pg_url,
        "REDIS_URL": redis_url,
        "SECRET_KEY": secrets.token_urlsafe(40),
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        # Pages render without `collectstatic`, as in the tests.
        "STATICFILES_BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
        "WHITENOISE_USE_FINDERS": "1",
        # Every bench client comes from 127.0.0.1: the per-address and per-contact limits must not stop it.
        "REQUEST_RATE_LIMIT_PER_IP_HOUR": HIGH_LIMIT,
        "REQUEST_RATE_LIMIT_PER_CONTACT_DAY": HIGH_LIMIT,
        "REQUEST_QUERY_FAILURES_PER_IP_HOUR": HIGH_LIMIT,
    }
    Path(folder, "static").mkdir()
    return env


def print_table(rows, workers, redis_url):
    if not rows:
        print("Nothing was measured.")
        return
    print()
    print(
        f"gunicorn, {workers} sync workers; cache: {'Redis ' + redis_url if redis_url else 'local memory per worker'}"
    )
    header = (
        "database",
        "path",
        "clients",
        "sent",
        "created",
        "dupl.",
        "lost",
        "failed",
        "subm./s",
        "median ms",
        "p95 ms",
        "password shown",
    )
    lines = [header]
    for row in rows:
        lines.append(
            (
                row["database"],
                row["path"],
                str(row["clients"]),
                str(row["sent"]),
                str(row["created"]),
                str(row["duplicates"]),
                str(row["lost"]),
                str(row["failed"]),
                f"{row['per_second']:.1f}",
                f"{row['median_ms']:.0f}",
                f"{row['p95_ms']:.0f}",
                "—" if row["password_shown"] is None else f"{row['password_shown']}/{row['sent']}",
            )
        )
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    for index, line in enumerate(lines):
        print(
            "  ".join(
                cell.ljust(width) if i < 2 else cell.rjust(width)
                for i, (cell, width) in enumerate(zip(line, widths, strict=True))
            )
        )
        if index == 0:
            print("  ".join("-" * width for width in widths))
    for row in rows:
        if row["password_shown"] is not None and row["password_shown"] < row["sent"]:
            print(
                f"{row['database']} {row['path']} ×{row['clients']}: the done page did not show the query password "
                f"{row['sent'] - row['password_shown']} time(s); it is kept in the cache of the worker that stored "
                "the request, so workers need a shared cache (REDIS_URL)."
            )
        if row["first_failure"]:
            print(f"{row['database']} {row['path']} ×{row['clients']}: first failure: {row['first_failure']}")
    print(
        "created = requests found in the database with this run's markers; dupl. = markers stored more than once; "
        "lost = sent and not stored."
    )


# --- the child: one database, one server ----------------------------------------------------------


def child(args):
    import logging

    import django

    django.setup()
    logging.getLogger("wagtail").setLevel(logging.WARNING)  # quiet page-tree messages while building the county
    from django.core.management import call_command
    from django.db import connection

    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    forget_cache()
    setup_county()
    print(
        f"== {connection.vendor} {connection.settings_dict['NAME']}: migrated and set up in "
        f"{time.perf_counter() - started:.1f} s; query passwords stored as: {query_password_scheme()}",
        flush=True,
    )
    connection.close()

    port = free_port()
    log = open(Path(os.environ["TOWNSQUARE_VAR_DIR"], "gunicorn.log"), "w")  # noqa: SIM115 - closed below
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "townsquare.wsgi",
            "-b",
            f"127.0.0.1:{port}",
            "-w",
            str(args.workers),
            "--timeout",
            "120",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    rows = []
    try:
        wait_until_up(base, server)
        warm_up(base, args.workers)
        for path, send in (("web form", submit_web_form), ("Open311", submit_open311)):
            for clients in args.clients:
                rows.append(measure(connection.vendor, path, send, base, args.n, clients))
    finally:
        stop(server)
        forget_cache()
        log.close()
        Path(args.child).write_text(json.dumps(rows))
    errors = Path(os.environ["TOWNSQUARE_VAR_DIR"], "gunicorn.log").read_text().strip()
    if errors:
        print(f"gunicorn wrote:\n{errors[-3000:]}")
    return 0


def forget_cache():
    """A shared cache (Redis) outlives the run: drop what this run's site kept there (rate-limit counts, passwords,
    the header data of this database's pages), so that neither the next database nor a later run reads it."""
    from django.conf import settings
    from django.core.cache import cache

    if not hasattr(cache, "delete_pattern"):
        return  # each worker's own memory: gone with the workers
    client = cache.client.get_client(write=True)
    # The project's keys only (every version), in the bench's own Redis database.
    keys = list(client.scan_iter(match=f"{settings.CACHES['default']['KEY_PREFIX']}:*"))
    if keys:
        client.delete(*keys)


def stop(server):
    if server.poll() is not None:
        return
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()


def setup_county():
    from tests.conftest import build_county
    from townsquare.resident_requests.models import ApiKey, Category

    county = build_county()
    catalogue = [
        ("roads", "道路照明", county.town_a, "城乡建设"),
        ("water", "供水排水", county.town_a, "城乡建设"),
        ("schools", "入学招生", county.town_b, "教育文体"),
        ("pension", "社保医保", county.county, "劳动和社会保障"),
    ]
    for code, name, place, label in catalogue:
        Category.objects.create(code=code, name=name, unit=place.unit, routing_label=label)
    ApiKey.objects.create(name="压力测试", key=API_KEY)


def query_password_scheme():
    """How the query password is stored now (the part of the hash before the first "$")."""
    from townsquare.resident_requests.models import ResidentRequest

    probe = ResidentRequest()
    probe.set_query_password("000000")
    return probe.query_password_hash.split("$", 1)[0] or "(empty)"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_up(base, server, seconds=90):
    import requests

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            log = Path(os.environ["TOWNSQUARE_VAR_DIR"], "gunicorn.log").read_text()[-3000:]
            raise SystemExit(f"gunicorn stopped at start-up (exit status {server.returncode}):\n{log}")
        try:
            if requests.get(base + "/open311/v2/services.json", timeout=5).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.3)
    raise SystemExit(f"gunicorn did not answer within {seconds} s")


def warm_up(base, workers):
    """Every worker loads templates and middleware once (a running server has done so long before)."""
    import requests

    def one(_):
        with requests.Session() as session:
            session.get(base + "/liuyan/", timeout=30)
            session.get(base + "/open311/v2/services.json", timeout=30)

    with ThreadPoolExecutor(max_workers=workers) as pool:
        list(pool.map(one, range(workers * 4)))


def measure(database, path, send, base, count, clients):
    from townsquare.resident_requests.models import ResidentRequest

    run = f"{'w' if path == 'web form' else 'o'}{clients}-{secrets.token_hex(3)}"
    markers = [f"{run}-{n:04d}" for n in range(count)]
    print(f"{database}: {path}, {clients} client(s), {count} submissions …", flush=True)
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=clients) as pool:
        outcomes = list(pool.map(lambda item: timed(send, base, *item), enumerate(markers)))
    elapsed = time.perf_counter() - started

    titles = list(ResidentRequest.objects.filter(title__contains=run).values_list("title", flat=True))
    stored = {title.rsplit(" ", 1)[-1] for title in titles}
    failures = [outcome for outcome in outcomes if not outcome["ok"]]
    latencies = sorted(outcome["seconds"] * 1000 for outcome in outcomes)
    shown = [outcome["password_shown"] for outcome in outcomes if outcome["password_shown"] is not None]
    return {
        "database": database,
        "path": path,
        "clients": clients,
        "sent": count,
        "created": len(titles),
        "duplicates": len(titles) - len(stored),
        "lost": len(set(markers) - stored),
        "failed": len(failures),
        "per_second": count / elapsed,
        "median_ms": statistics.median(latencies),
        "p95_ms": latencies[max(0, int(round(0.95 * len(latencies))) - 1)],
        "password_shown": sum(shown) if path == "web form" else None,
        "first_failure": failures[0]["why"] if failures else "",
    }


def timed(send, base, n, marker):
    started = time.perf_counter()
    try:
        outcome = send(base, n, marker)
    except Exception as error:  # a refused connection or a timeout is a failed submission, not a crashed bench
        outcome = {"ok": False, "why": f"{type(error).__name__}: {error}", "password_shown": None}
    outcome["seconds"] = time.perf_counter() - started
    return outcome


def title_for(marker):
    return f"路灯不亮 {marker}"


# --- Open311 -----------------------------------------------------------------------------------------


def submit_open311(base, n, marker):
    import requests

    data = {
        "api_key": API_KEY,
        "service_code": "roads" if n % 2 else "schools",
        "lat": "30.2741",
        "long": "120.1551",
        "address_string": f"东街{n}号",
        "first_name": "明",
        "last_name": "王",
        "phone": f"139{n:08d}",
        "description": DETAILS.format(marker=marker),
        "attribute[request_type]": "consult",
        "attribute[title]": title_for(marker),
    }
    response = requests.post(
        base + "/open311/v2/requests.json", data=data, timeout=60, headers={"Idempotency-Key": marker}
    )
    if response.status_code != 200:
        return {"ok": False, "why": f"HTTP {response.status_code} {response.text[:300]}", "password_shown": None}
    answer = response.json()
    ok = isinstance(answer, list) and bool(answer) and bool(answer[0].get("service_request_id"))
    return {"ok": ok, "why": "" if ok else f"no service_request_id in {response.text[:300]}", "password_shown": None}


# --- the web form ------------------------------------------------------------------------------------


class FormReader(HTMLParser):
    """The fields of each POST form on a page: inputs, selects (with their options) and textareas."""

    def __init__(self):
        super().__init__()
        self.forms, self._form, self._select = [], None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "").lower() == "post":
            self._form = {"action": attrs.get("action") or "", "fields": {}}
            self.forms.append(self._form)
        if self._form is None:
            return
        fields = self._form["fields"]
        if tag in ("input", "textarea") and attrs.get("name"):
            field = fields.setdefault(attrs["name"], {"tag": tag, "type": attrs.get("type", "text"), "values": []})
            field["values"].append(attrs.get("value", ""))
        elif tag == "select" and attrs.get("name"):
            self._select = fields.setdefault(attrs["name"], {"tag": "select", "type": "select", "values": []})
        elif tag == "option" and self._select is not None:
            self._select.setdefault("options", []).append(attrs.get("value", ""))
            self._select.setdefault("labels", []).append("")

    def handle_data(self, data):
        if self._select is not None and self._select.get("labels"):
            self._select["labels"][-1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None


EXPECTED_FIELDS = {
    "csrfmiddlewaretoken",
    "submission_key",
    "request_type",
    "category",
    "title",
    "details",
    "address",
    "lat",
    "long",
    "photos",
    "contact_name",
    "contact_phone",
    "contact_email",
    "is_public",
    "homepage",
}


def form_data(page, n, marker):
    """Every field of the form, as a resident fills it in; fails when the form no longer has these fields."""
    reader = FormReader()
    reader.feed(page)
    form = next((form for form in reader.forms if "details" in form["fields"]), None)
    if form is None:
        raise ValueError("no form with a 'details' field on /liuyan/")
    fields = form["fields"]
    missing = EXPECTED_FIELDS - set(fields)
    if missing:
        raise ValueError(f"the form changed: no field(s) {', '.join(sorted(missing))}")
    category = fields["category"]
    roads = next(
        value
        for value, label in zip(category["options"], category["labels"], strict=True)
        if label.startswith("道路照明")
    )
    public = fields["is_public"]["values"]
    data = {
        "csrfmiddlewaretoken": fields["csrfmiddlewaretoken"]["values"][0],
        "submission_key": fields["submission_key"]["values"][0],
        "request_type": "consult"
        if "consult" in fields["request_type"]["values"]
        else fields["request_type"]["values"][0],
        "category": roads,
        "title": title_for(marker),
        "details": DETAILS.format(marker=marker),
        "address": f"东街{n}号",
        "lat": "30.274100",
        "long": "120.155100",
        "contact_name": "张三",
        "contact_phone": f"139{n:08d}",
        "contact_email": f"resident{n}@example.com",
        "is_public": public[0],
        "homepage": "",  # the honeypot stays empty
    }
    return form["action"], data


def submit_web_form(base, n, marker):
    import requests

    with requests.Session() as session:
        form_page = session.get(base + "/liuyan/", timeout=60)
        if form_page.status_code != 200:
            return {"ok": False, "why": f"GET /liuyan/: HTTP {form_page.status_code}", "password_shown": None}
        action, data = form_data(form_page.text, n, marker)
        # No photos: an empty file part, as a browser sends for an empty file input.
        done = session.post(urljoin(form_page.url, action), data=data, files={"photos": ("", b"")}, timeout=60)
        if done.status_code != 200 or "/liuyan/done/" not in done.url:
            return {
                "ok": False,
                "why": f"POST: HTTP {done.status_code} at {done.url}: "
                f"{done.text[max(done.text.find('errorlist'), 0) :][:300]}",
                "password_shown": None,
            }
        number = done.url.rstrip("/").rsplit("/", 1)[-1]
        if number not in done.text:
            return {"ok": False, "why": f"the done page does not show {number}", "password_shown": None}
        return {"ok": True, "why": "", "password_shown": "查询密码" in done.text}


if __name__ == "__main__":
    threading.current_thread().name = "bench"
    sys.exit(main())
