"""The processes bench/load.py starts and measures: Redis, Townsquare's gunicorn instances, the task worker,
nginx (the anchor and the front of Townsquare), the stock Wagtail starter; wrk; workers' memory and CPU.

Everything lives in one temporary folder and is stopped by ``Stack.stop()``. gunicorn takes
``deploy/gunicorn.conf.py`` when the tree has one (the command line sets the address and the
number of workers on top of it); nginx a configuration written here (see ``nginx_conf``).
"""

import importlib.util
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
MANAGE = [PYTHON, str(ROOT / "manage.py")]
GUNICORN_CONF = ROOT / "deploy" / "gunicorn.conf.py"
HIGH_LIMIT = "1000000"
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def answers(port, host="127.0.0.1"):
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


class Stack:
    """Processes started in ``folder``; each one in its own session, so that stopping it stops its children."""

    def __init__(self, folder):
        self.folder = Path(folder)
        self.processes = {}

    def spawn(self, name, command, env=None, cwd=ROOT):
        log = open(self.folder / f"{name}.log", "w")  # noqa: SIM115 - closed in stop()
        process = subprocess.Popen(
            command, cwd=cwd, env=env or os.environ, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        self.processes[name] = (process, log)
        return process

    def log(self, name, chars=3000):
        path = self.folder / f"{name}.log"
        return path.read_text(errors="replace")[-chars:] if path.exists() else ""

    def check_alive(self):
        for name, (process, _log) in self.processes.items():
            if process.poll() is not None:
                raise SystemExit(f"{name} stopped (exit status {process.returncode}):\n{self.log(name)}")

    def stop_one(self, name):
        process, log = self.processes.pop(name)
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        log.close()

    def stop(self):
        for name in reversed(list(self.processes)):
            self.stop_one(name)

    def wait_http(self, url, seconds=120):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            self.check_alive()
            try:
                if requests.get(url, timeout=10).status_code == 200:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.3)
        raise SystemExit(f"{url} did not answer within {seconds} s")

    # --- Redis --------------------------------------------------------------------------------------

    def start_redis(self):
        """A private redis-server on a free port; '' when none is installed."""
        binary = shutil.which("redis-server")
        if not binary:
            return ""
        port = free_port()
        (self.folder / "redis").mkdir()
        command = [binary, "--port", str(port), "--bind", "127.0.0.1", "--dir", str(self.folder / "redis")]
        self.spawn("redis", command + ["--save", "", "--appendonly", "no"])
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if answers(port):
                return f"redis://127.0.0.1:{port}/0"
            time.sleep(0.1)
        return ""

    # --- Townsquare ---------------------------------------------------------------------------------

    def start_gunicorn(self, name, port, workers, env, app="townsquare.wsgi", cwd=ROOT):
        command = [PYTHON, "-m", "gunicorn"]
        if GUNICORN_CONF.exists() and app == "townsquare.wsgi":
            command += ["-c", str(GUNICORN_CONF)]  # its timeout, preload, max_requests
        else:
            command += ["--timeout", "120"]
        command += [app, "-b", f"127.0.0.1:{port}", "-w", str(workers), "--log-level", "warning"]
        return self.spawn(name, command, env=env, cwd=cwd)

    # --- nginx --------------------------------------------------------------------------------------

    def start_nginx(self, conf_text):
        (self.folder / "nginx").mkdir(exist_ok=True)
        conf = self.folder / "nginx" / "nginx.conf"
        conf.write_text(conf_text)
        command = ["nginx", "-p", str(self.folder / "nginx"), "-c", str(conf), "-g", "daemon off;"]
        test = subprocess.run(command[:-2] + ["-t"], capture_output=True, text=True)
        if test.returncode:
            raise SystemExit(f"nginx refused its configuration:\n{test.stderr}")
        return self.spawn("nginx", command)

    def reload_nginx(self, conf_text):
        (self.folder / "nginx" / "nginx.conf").write_text(conf_text)
        process, _log = self.processes["nginx"]
        os.kill(process.pid, signal.SIGHUP)
        time.sleep(1.5)  # new workers start, old ones finish their requests


def townsquare_env(folder, base_url, database_url, redis_url, page_cache=True):
    """A production deployment's variables (README, "Deploying"), with the state in ``folder``."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "townsquare.settings",
        "TOWNSQUARE_VAR_DIR": str(folder / "var"),
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "DEBUG": "0",
        "SECRET_KEY": "bench-load-" + "k" * 40,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "BASE_URL": base_url,
        "CLIENT_IP_HEADER": "HTTP_X_REAL_IP",
        "BEHIND_PROXY": "1",
        "PYTHONUNBUFFERED": "1",
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
        # Every bench client comes from 127.0.0.1: the per-address limits of the public forms must not stop the soak.
        "REQUEST_RATE_LIMIT_PER_IP_HOUR": HIGH_LIMIT,
        "REQUEST_RATE_LIMIT_PER_CONTACT_DAY": HIGH_LIMIT,
        "APPOINTMENT_BOOKINGS_PER_IP_HOUR": HIGH_LIMIT,
    }
    if not page_cache:
        env["PAGE_CACHE_SECONDS"] = "0"
    return env


def manage(env, *args, stdin=None, check=True):
    result = subprocess.run(MANAGE + list(args), cwd=ROOT, env=env, input=stdin, capture_output=True, text=True)
    if check and result.returncode:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{result.stdout[-2000:]}{result.stderr[-3000:]}")
    return result


def shell_json(env, code):
    """Run ``code`` in ``manage.py shell``; it prints one JSON line last, returned decoded."""
    result = manage(env, "shell", stdin=code)
    lines = [line for line in result.stdout.splitlines() if line.startswith(("{", "["))]
    if not lines:
        raise SystemExit(f"the shell printed no JSON:\n{result.stdout[-2000:]}{result.stderr[-3000:]}")
    return json.loads(lines[-1])


def prepare_starter(folder):
    """`wagtail start` into ``folder``/starter, production settings with DEBUG off, migrate, collectstatic."""
    project = folder / "starter"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "starter.settings.production"}
    if project.exists():  # --reuse
        return project, env
    project.mkdir()
    wagtail = Path(PYTHON).with_name("wagtail")
    subprocess.run([str(wagtail), "start", "starter", str(project)], check=True, capture_output=True)
    (project / "starter" / "settings" / "local.py").write_text(
        f'SECRET_KEY = "{secrets.token_urlsafe(40)}"\nALLOWED_HOSTS = ["127.0.0.1", "localhost"]\n'
    )
    for step in (["migrate", "--noinput", "-v0"], ["collectstatic", "--noinput", "-v0"]):
        subprocess.run([PYTHON, "manage.py", *step], cwd=project, env=env, check=True, capture_output=True)
    return project, env


# --- measuring -------------------------------------------------------------------------------------------

UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _ms(text):
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text.strip())
    return float(match.group(1)) * UNITS[match.group(2)] if match else float("nan")


def wrk(url, seconds, connections, threads=2, headers=()):
    """wrk's figures: req/s, p50 and p99 in ms, requests, errors (socket errors + non-2xx/3xx)."""
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "5s"]
    for header in headers:
        command += ["-H", header]
    return parse_wrk(subprocess.run(command + [url], capture_output=True, text=True, check=True).stdout)


def parse_wrk(output):
    figures = {"rps": 0.0, "p50": float("nan"), "p99": float("nan"), "requests": 0, "errors": 0}
    for line in output.splitlines():
        line = line.strip()
        if line.startswith("Requests/sec:"):
            figures["rps"] = float(line.split()[1])
        elif line.startswith("50%"):
            figures["p50"] = _ms(line.split()[1])
        elif line.startswith("99%"):
            figures["p99"] = _ms(line.split()[1])
        elif re.match(r"\d+ requests in", line):
            figures["requests"] = int(line.split()[0])
        elif line.startswith("Socket errors:"):
            figures["errors"] += sum(int(n) for n in re.findall(r"\d+", line))
        elif line.startswith("Non-2xx or 3xx responses:"):
            figures["errors"] += int(line.split(":")[1])
    return figures


def worker_pids(master_pid):
    """The children of a gunicorn master (its workers)."""
    pids = []
    task_dir = Path(f"/proc/{master_pid}/task")
    for task in task_dir.iterdir() if task_dir.exists() else []:
        try:
            pids += [int(pid) for pid in (task / "children").read_text().split()]
        except OSError:
            continue
    return pids


def memory_mb(pid):
    """RSS, PSS and USS (private clean + dirty) of one process in MB, from smaps_rollup."""
    fields = {}
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
            key, value = line.split(":", 1)
            fields[key] = int(value.split()[0]) / 1024
    except (OSError, ValueError):
        return None
    uss = fields.get("Private_Clean", 0) + fields.get("Private_Dirty", 0)
    return {"rss": fields.get("Rss", 0), "pss": fields.get("Pss", 0), "uss": uss}


def cpu_seconds(pids):
    total = 0
    for pid in pids:
        try:
            parts = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(parts[11]) + int(parts[12])  # utime, stime
    return total / CLOCK_TICKS


def workers_cpu_seconds(master_pid):
    """CPU time of a gunicorn master's workers, the live ones and those it has replaced (max_requests):
    a replaced worker's time moves into the master's cutime/cstime when it is reaped, so a difference of
    two readings stays right across a replacement."""
    try:
        parts = Path(f"/proc/{master_pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    reaped = (int(parts[13]) + int(parts[14])) / CLOCK_TICKS  # cutime, cstime
    return reaped + cpu_seconds(worker_pids(master_pid))


def production_site(folder, front_port, upstream_ports, static_root):
    """deploy/nginx/townsquare.conf filled in by scripts/serve_prod.py's ``render_nginx``; None without them."""
    launcher = ROOT / "scripts" / "serve_prod.py"
    if not (launcher.exists() and (ROOT / "deploy" / "nginx" / "townsquare.conf").exists()):
        return None
    spec = importlib.util.spec_from_file_location("serve_prod", launcher)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    upstreams = [f"127.0.0.1:{port}" for port in upstream_ports]
    media = folder / "var" / "media"
    return module.render_nginx(upstreams, f"127.0.0.1:{front_port}", static_root, media, folder / "nginx" / "cache")


def nginx_conf(folder, anchor_port, front_port, upstream_ports, static_root):
    """Two servers: the anchor (a saved copy of the home page as a static file) and Townsquare's front: the
    production site (deploy/nginx/townsquare.conf) when the tree has it, else a proxy written here that caches
    what the application marks cacheable, with the 长辈版 cookie in the key and never for a visitor with a session.
    """
    nginx = folder / "nginx"
    nginx.mkdir(exist_ok=True)
    user = "user root;\n" if os.geteuid() == 0 else ""  # the temporary folder is private to the user running the bench
    site = production_site(folder, front_port, upstream_ports, static_root)
    servers = "\n".join(f"        server 127.0.0.1:{port};" for port in upstream_ports)
    head = f"""{user}worker_processes auto;
pid {nginx}/nginx.pid;
error_log {nginx}/error.log warn;
events {{ worker_connections 4096; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 100000;
    client_body_temp_path {nginx}/client_body;
    proxy_temp_path {nginx}/proxy;
    fastcgi_temp_path {nginx}/fastcgi;
    uwsgi_temp_path {nginx}/uwsgi;
    scgi_temp_path {nginx}/scgi;

    server {{
        listen 127.0.0.1:{anchor_port};
        root {nginx}/anchor;
        location = / {{ default_type text/html; try_files /home.html =404; }}
    }}
"""
    if site is not None:
        (nginx / "townsquare.conf").write_text(site)
        return head + f"    include {nginx}/townsquare.conf;\n}}\n"
    return (
        head
        + f"""
    proxy_cache_path {nginx}/cache levels=1:2 keys_zone=pages:10m max_size=200m inactive=10m;

    upstream townsquare {{
{servers}
        keepalive 16;
    }}
    server {{
        listen 127.0.0.1:{front_port};
        client_max_body_size 20m;
        location /static/ {{ alias {static_root}/; expires 30d; }}
        location / {{
            proxy_pass http://townsquare;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $host;
            proxy_set_header X-Real-IP $remote_addr;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
            proxy_cache pages;
            proxy_cache_key "$scheme$host$request_uri|elder=$cookie_elder";
            proxy_cache_bypass $cookie_sessionid $http_authorization;
            proxy_no_cache $cookie_sessionid $http_authorization;
            proxy_cache_lock on;
            proxy_cache_use_stale updating error timeout;
            proxy_cache_revalidate on;
            add_header X-Cache-Status $upstream_cache_status;
        }}
    }}
}}
"""
    )
