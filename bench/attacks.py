"""Replays the attacks of issue 12 ("Lock the doors") against a running server and counts what held.

    .venv/bin/python bench/attacks.py [--workers 4] [--only NAME,...] [--keep]

It deploys the demo county as the README's production section does: a temporary folder as
TOWNSQUARE_VAR_DIR (SQLite inside it), DEBUG=0, a random SECRET_KEY, ALLOWED_HOSTS, a Redis
of its own (``redis-server`` on a free port, when installed; else each worker's own memory,
and the output says so), ``migrate``, ``collectstatic``, ``load_demo``, then gunicorn
(``townsquare.wsgi``, --workers sync workers) on a free loopback port plus ``manage.py
db_worker`` for background tasks (the archive import). The server reads the client's address
from ``X-Real-IP`` (CLIENT_IP_HEADER, as behind nginx), so each simulated attacker has its own
address. HTTPS stays off: there is no TLS on loopback.

Every attack goes over HTTP with a browser-like session (cookies, CSRF tokens from the forms).
This process also opens the same database to find ids (a booking's code, another unit's reply
template) and to play the staff's part where the demo does (accepting and answering a request
with ``handling``), and to verify outcomes (is an imported page live?). Each attack prints
``[blocked] name``, ``[OPEN] name`` (the attack succeeded) or ``[5xx] name`` (a server error
was seen), then ``attacks=N blocked=M server_errors=K`` and the load average. Exit status 1
when blocked < N or server_errors > 0.
"""

import argparse
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

MANAGE = [sys.executable, str(ROOT / "manage.py")]


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_env(folder, port, redis_url):
    """A production deployment's variables (README, "Deploying"), with the state in ``folder``."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "townsquare.settings",
        "TOWNSQUARE_VAR_DIR": str(folder / "var"),
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "BASE_URL": f"http://127.0.0.1:{port}",
        "REDIS_URL": redis_url,
        "CLIENT_IP_HEADER": "HTTP_X_REAL_IP",
        "PYTHONUNBUFFERED": "1",
    }


class Deployment:
    """Redis, the prepared database, gunicorn and the task worker; ``stop()`` ends them all."""

    def __init__(self, folder, workers):
        self.folder = folder
        self.workers = workers
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.processes = []
        self.redis_url = self._start_redis()
        self.env = server_env(folder, self.port, self.redis_url)

    def _spawn(self, name, command):
        log = open(self.folder / f"{name}.log", "w")  # noqa: SIM115 - closed with the process
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=getattr(self, "env", os.environ),
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.processes.append((name, process, log))
        return process

    def _start_redis(self):
        binary = shutil.which("redis-server")
        if not binary:
            return ""
        port = free_port()
        (self.folder / "redis").mkdir()
        self._spawn(
            "redis",
            [
                binary,
                "--port",
                str(port),
                "--bind",
                "127.0.0.1",
                "--dir",
                str(self.folder / "redis"),
                "--save",
                "",
                "--appendonly",
                "no",
            ],
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                return f"redis://127.0.0.1:{port}/0"
            except OSError:
                time.sleep(0.1)
        return ""

    def prepare(self, prepared=None):
        if prepared:  # a var folder made by an earlier run with --keep: skip the set-up (while working on checks)
            shutil.copytree(Path(prepared), self.folder / "var")
            return
        for step in (["migrate", "--noinput", "-v0"], ["collectstatic", "--noinput", "-v0"], ["load_demo"]):
            started = time.perf_counter()
            result = subprocess.run(MANAGE + step, cwd=ROOT, env=self.env, capture_output=True, text=True)
            if result.returncode:
                raise SystemExit(f"manage.py {' '.join(step)} failed:\n{result.stdout[-2000:]}{result.stderr[-3000:]}")
            print(f"   manage.py {step[0]}: {time.perf_counter() - started:.0f} s", flush=True)

    def start(self):
        self._spawn(
            "gunicorn",
            [
                sys.executable,
                "-m",
                "gunicorn",
                "townsquare.wsgi",
                "-b",
                f"127.0.0.1:{self.port}",
                "-w",
                str(self.workers),
                "--timeout",
                "120",
                "--log-level",
                "warning",
            ],
        )
        self._spawn("db_worker", MANAGE + ["db_worker"])
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            for name, process, _ in self.processes:
                if process.poll() is not None:
                    raise SystemExit(f"{name} stopped at start-up:\n{self.log(name)}")
            try:
                if requests.get(self.base + "/open311/v2/services.json", timeout=10).status_code == 200:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.5)
        raise SystemExit("gunicorn did not answer within 120 s")

    def log(self, name):
        path = self.folder / f"{name}.log"
        return path.read_text(errors="replace")[-3000:] if path.exists() else ""

    def stop(self):
        for _name, process, log in reversed(self.processes):
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
                    process.wait()
            log.close()


def replay(deployment, only):
    """Run every check; returns the rows (name, verdict, detail)."""
    import django

    os.environ.update({key: deployment.env[key] for key in deployment.env})
    django.setup()
    from attack_replay import CHECKS, Context

    context = Context(deployment.base, deployment.folder / "var")
    context.notes += [
        "archive-stale-run: the import killed mid-way is simulated by a run left “导入中” two hours ago in the "
        "database; the next upload goes over HTTP.",
        "not replayed (not observable over HTTP against gunicorn): rundemo restarting a dead child; staff 2FA "
        "enrolment and password rules; the personal-data retention job and the staff access log.",
    ]
    if not deployment.redis_url:
        context.notes.append("no redis-server: each gunicorn worker counts the rate limits in its own memory.")
    rows = []
    for check in CHECKS:
        name = check.__name__.removeprefix("check_").replace("_", "-")
        if only and name not in only:
            continue
        context.server_errors.clear()
        try:
            result = check(context)
        except Exception as error:  # noqa: BLE001 - a broken step is reported, not hidden
            result = (False, f"the replay itself failed: {error!r}\n{traceback.format_exc(limit=3)}")
        for sub_name, blocked, detail in result if isinstance(result, list) else [(None, *result)]:
            label = f"{name}:{sub_name}" if sub_name else name
            errors = list(context.server_errors)
            verdict = "5xx" if errors else ("blocked" if blocked else "OPEN")
            if errors:
                detail = f"{detail}; server errors: {', '.join(errors[:3])}"
            rows.append((label, verdict, detail))
            print(f"[{verdict}] {label}" + (f" — {detail}" if detail and verdict != "blocked" else ""), flush=True)
        context.server_errors.clear()
    return rows, context.notes


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=4, help="gunicorn sync workers (default 4, as in the README)")
    parser.add_argument("--only", default="", help="run only these checks (comma-separated names)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder (its path is printed)")
    parser.add_argument("--prepared", help="copy this var folder (migrated, demo loaded) instead of setting up")
    args = parser.parse_args()
    only = {name.strip() for name in args.only.split(",") if name.strip()}

    folder = Path(tempfile.mkdtemp(prefix="townsquare-attacks-"))
    deployment = Deployment(folder, args.workers)
    print(
        f"== deploying the demo in {folder}: DEBUG=0, gunicorn -w {args.workers} on {deployment.base}, "
        f"cache: {'Redis ' + deployment.redis_url if deployment.redis_url else 'local memory of each worker'}",
        flush=True,
    )
    try:
        deployment.prepare(args.prepared)
        deployment.start()
        rows, notes = replay(deployment, only)
    finally:
        deployment.stop()
        errors = [line for line in deployment.log("gunicorn").splitlines() if "Traceback" in line or "Error" in line]
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
    for note in notes:
        print(f"note: {note}")
    if errors:
        print(f"gunicorn logged {len(errors)} error line(s), e.g. {errors[0][:200]}")
    total = len(rows)
    blocked = sum(verdict == "blocked" for _, verdict, _ in rows)
    server_errors = sum(verdict == "5xx" for _, verdict, _ in rows)
    load = " ".join(f"{value:.2f}" for value in os.getloadavg())
    print(f"attacks={total} blocked={blocked} server_errors={server_errors}")
    print(f"load average: {load} ({os.cpu_count()} CPUs)")
    if args.keep:
        print(f"kept: {folder}")
    return 0 if blocked == total and not server_errors else 1


if __name__ == "__main__":
    sys.exit(main())
