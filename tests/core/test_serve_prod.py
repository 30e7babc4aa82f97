"""`make serve-prod`'s launcher stops every process it started when it is told to stop (SIGTERM)."""

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def children(pid):
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(child) for child in path.read_text().split()] if path.exists() else []


def alive(pid):
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


@pytest.fixture
def launcher(tmp_path):
    """The launcher with two gunicorn instances on an empty SQLite database, until it says it is serving."""
    port = free_port()
    env = {**os.environ, "TOWNSQUARE_VAR_DIR": str(tmp_path), "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}"}
    env.update(
        SEARCH_WARM_UP="0",
        STATICFILES_BACKEND="django.contrib.staticfiles.storage.StaticFilesStorage",
    )
    env.pop("DJANGO_SETTINGS_MODULE", None)
    command = [sys.executable, "scripts/serve_prod.py", "--port", str(port), "--instances", "2", "--workers", "1"]
    process = subprocess.Popen(
        [*command, "--no-setup", "--no-nginx", "--no-background"],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    for line in process.stdout:
        if "已启动" in line:
            break
    yield process
    if process.poll() is None:
        process.kill()


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="需要 Linux 的 /proc")
def test_sigterm_stops_every_child(launcher):
    started = children(launcher.pid)
    assert len(started) == 2
    launcher.send_signal(signal.SIGTERM)
    launcher.wait(timeout=30)
    deadline = time.monotonic() + 10
    while any(alive(pid) for pid in started) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not any(alive(pid) for pid in started)
