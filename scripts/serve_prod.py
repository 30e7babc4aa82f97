"""Run the production stack locally: nginx, gunicorn, the task worker and the scheduler (`make serve-prod`).

    python scripts/serve_prod.py [--port 8080] [--instances 1] [--workers 2] [--env NAME=VALUE ...]
    python scripts/serve_prod.py --render-nginx --upstream 127.0.0.1:8001 > /etc/nginx/sites-enabled/townsquare.conf

PostgreSQL and Redis on 127.0.0.1 are used when they answer (database ``townsquare_prod``, created if
missing; Redis db 0), SQLite under var/ otherwise; DATABASE_URL / REDIS_URL in the environment win.
The database is migrated, static files collected and the demo loaded, as `make setup` does, unless
``--no-setup``. nginx runs as the current user from a generated configuration in a temporary folder
(deploy/nginx/townsquare.conf rendered). ``--instances N`` starts N gunicorn instances on the ports
after ``--port`` behind the one nginx; ``--no-nginx`` leaves nginx out (tests reach gunicorn directly).

Everything runs until Ctrl+C or SIGTERM, or until a child ends; then every child is stopped. Children
also get SIGTERM should this process die without cleaning up (Linux: PR_SET_PDEATHSIG).
No Django import here: the settings are chosen for the children, through their environment.
"""

import argparse
import ctypes
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NGINX_TEMPLATE = ROOT / "deploy" / "nginx" / "townsquare.conf"
GUNICORN_CONF = ROOT / "deploy" / "gunicorn.conf.py"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
PROD_DATABASE = "townsquare_prod"

sys.path.insert(0, str(ROOT))
# The demo county's footer marks (plainly fictional), as `make run` shows them; importing it loads no settings.
from townsquare.core.management.commands.rundemo import DEMO_SITE_IDS  # noqa: E402


def answers(port, host="127.0.0.1"):
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def render_nginx(upstreams, listen, static_root, media_root, cache_dir, server_name="_"):
    """deploy/nginx/townsquare.conf with its @NAME@ values filled in."""
    values = {
        "UPSTREAM_SERVERS": "\n".join(f"    server {address} max_fails=1 fail_timeout=5s;" for address in upstreams),
        "LISTEN": str(listen),
        "SERVER_NAME": server_name,
        "STATIC_ROOT": str(static_root).rstrip("/"),
        "MEDIA_ROOT": str(media_root).rstrip("/"),
        "CACHE_DIR": str(cache_dir),
    }
    text = NGINX_TEMPLATE.read_text()
    for name, value in values.items():
        text = text.replace(f"@{name}@", value)
    return text


def nginx_main_config(folder, site):
    """A whole nginx.conf for a non-root nginx: pid, logs and temporary files inside ``folder``."""
    temp = {name: folder / name for name in ("body", "proxy", "fastcgi", "uwsgi", "scgi")}
    for path in temp.values():
        path.mkdir(parents=True, exist_ok=True)
    (folder / "townsquare.conf").write_text(site)
    # As root nginx's workers would switch to "nobody", who cannot write the cache folder: stay the current user.
    user = f"user {pwd.getpwuid(os.geteuid()).pw_name};\n" if os.geteuid() == 0 else ""
    return f"""{user}worker_processes auto;
pid {folder / "nginx.pid"};
error_log stderr warn;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    sendfile on;
    tcp_nopush on;
    keepalive_timeout 65;
    access_log off;
    client_body_temp_path {temp["body"]};
    proxy_temp_path {temp["proxy"]};
    fastcgi_temp_path {temp["fastcgi"]};
    uwsgi_temp_path {temp["uwsgi"]};
    scgi_temp_path {temp["scgi"]};
    include {folder / "townsquare.conf"};
}}
"""


def ensure_postgres_database(name):
    """Create the database on the local PostgreSQL when it is missing (psycopg is in requirements)."""
    import psycopg

    with psycopg.connect("postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


def stack_environment(port, extra):
    """The children's environment: production settings, the services that answer, and ``extra`` on top."""
    env = {**DEMO_SITE_IDS, **os.environ, **extra}
    if not env.get("DATABASE_URL") and answers(5432):
        ensure_postgres_database(PROD_DATABASE)
        env["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:5432/{PROD_DATABASE}"
    if not env.get("REDIS_URL") and answers(6379):
        env["REDIS_URL"] = "redis://127.0.0.1:6379/0"
    env.update(
        DEBUG="0",
        BEHIND_PROXY="1",
        CLIENT_IP_HEADER="HTTP_X_REAL_IP",
        SERVE_MEDIA="0",
        DJANGO_SETTINGS_MODULE="townsquare.settings",
        PYTHONUNBUFFERED="1",
    )
    env.setdefault("BASE_URL", f"http://127.0.0.1:{port}")
    env.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")
    env.update(extra)
    return env


def _die_with_parent():
    """In the child, before exec: SIGTERM when the launcher dies (Linux)."""
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except OSError:
        pass


class Stack:
    """The processes of one production stack; a context manager that stops them all on exit."""

    def __init__(self, port=8080, instances=1, workers=2, nginx=True, background=True, env=None):
        self.port, self.instances, self.workers = port, instances, workers
        self.nginx, self.background = nginx, background
        self.env = stack_environment(port, env or {})
        self.processes = {}
        self.folder = None

    @property
    def app_ports(self):
        return [self.port + 1 + i for i in range(self.instances)]

    def manage(self, *args):
        subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=self.env, check=True)

    def setup(self):
        self.manage("migrate", "--noinput", "-v0")
        self.manage("collectstatic", "--noinput", "-v0")
        self.manage("load_demo")
        self.manage("train_routing", "--if-missing")

    def spawn(self, name, command):
        self.processes[name] = subprocess.Popen(command, cwd=ROOT, env=self.env, preexec_fn=_die_with_parent)

    def start(self):
        taken = [port for port in ([self.port] if self.nginx else []) + self.app_ports if answers(port)]
        if taken:
            raise SystemExit(f"端口已被占用：{', '.join(map(str, taken))}")
        for number, port in enumerate(self.app_ports, 1):
            gunicorn = [sys.executable, "-m", "gunicorn", "--config", str(GUNICORN_CONF)]
            env_bind = ["--bind", f"127.0.0.1:{port}", "--workers", str(self.workers)]
            self.spawn(f"web-{number}", gunicorn + env_bind)
        if self.background:
            self.spawn("worker", [sys.executable, "manage.py", "db_worker", "--interval", "2"])
            self.spawn("scheduler", [sys.executable, "manage.py", "run_scheduled_work"])
        if self.nginx:
            self.folder = Path(tempfile.mkdtemp(prefix="townsquare-nginx-"))
            site = render_nginx(
                [f"127.0.0.1:{port}" for port in self.app_ports],
                f"127.0.0.1:{self.port}",
                self.setting_path("STATIC_ROOT", "static"),
                self.setting_path("MEDIA_ROOT", "media"),
                self.folder / "cache",
            )
            (self.folder / "nginx.conf").write_text(nginx_main_config(self.folder, site))
            conf = ["-p", str(self.folder), "-c", str(self.folder / "nginx.conf")]
            self.spawn("nginx", [NGINX, *conf, "-g", "daemon off;"])
        return self

    def setting_path(self, name, default):
        var = Path(self.env.get("TOWNSQUARE_VAR_DIR") or ROOT / "var")
        return Path(self.env.get(name) or var / default)

    def wait_ready(self, timeout=60):
        """Wait until every gunicorn instance (and nginx) answers HTTP; False on timeout or a dead child."""
        ports = self.app_ports + ([self.port] if self.nginx else [])
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.dead():
                return False
            if all(self._http_ok(port) for port in ports):
                return True
            time.sleep(0.3)
        return False

    @staticmethod
    def _http_ok(port):
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/robots.txt", timeout=5):
                return True
        except OSError as error:  # an HTTP error status still means the server answers
            return hasattr(error, "code")

    def dead(self):
        """The name of a child that ended, or ''."""
        return next((name for name, process in self.processes.items() if process.poll() is not None), "")

    def stop(self):
        for process in self.processes.values():
            if process.poll() is None:
                process.send_signal(signal.SIGQUIT if process.args[0] == NGINX else signal.SIGTERM)
        deadline = time.monotonic() + 20
        for process in self.processes.values():
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if self.folder:
            shutil.rmtree(self.folder, ignore_errors=True)
            self.folder = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


def parse(argv):
    parser = argparse.ArgumentParser(description="本地运行生产环境：nginx、gunicorn、后台任务和定时任务。")
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8080")))
    parser.add_argument("--instances", type=int, default=1, help="gunicorn 实例数（端口依次为 --port 之后）")
    parser.add_argument("--workers", type=int, default=int(os.environ.get("WEB_CONCURRENCY", "2")))
    parser.add_argument("--env", action="append", default=[], metavar="NAME=VALUE", help="传给各进程的环境变量")
    parser.add_argument("--no-setup", action="store_true", help="不迁移数据库、不收集静态文件、不加载示范数据")
    parser.add_argument("--no-nginx", action="store_true", help="不启动 nginx（直接访问 gunicorn）")
    parser.add_argument("--no-background", action="store_true", help="不启动后台任务和定时任务")
    parser.add_argument("--render-nginx", action="store_true", help="只输出填好的 nginx 配置")
    parser.add_argument("--upstream", action="append", default=[], help="--render-nginx：应用地址，可多次")
    parser.add_argument("--listen", default="80", help="--render-nginx：nginx 监听的地址或端口")
    parser.add_argument("--static-root", default="/srv/townsquare/var/static")
    parser.add_argument("--media-root", default="/srv/townsquare/var/media")
    parser.add_argument("--cache-dir", default="/var/cache/nginx/townsquare")
    parser.add_argument("--server-name", default="_")
    return parser.parse_args(argv)


def main(argv=None):
    args = parse(argv)
    if args.render_nginx:
        upstreams = args.upstream or ["127.0.0.1:8001"]
        print(render_nginx(upstreams, args.listen, args.static_root, args.media_root, args.cache_dir, args.server_name))
        return 0
    extra = dict(item.split("=", 1) for item in args.env)
    stack = Stack(args.port, args.instances, args.workers, not args.no_nginx, not args.no_background, extra)
    database = stack.env.get("DATABASE_URL", "").split("@")[-1] or "SQLite（var/）"
    print(f"数据库：{database}；缓存：{stack.env.get('REDIS_URL') or '本进程内存'}", flush=True)
    if not args.no_setup:
        stack.setup()
    stopping = []
    signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
    try:
        stack.start()
        if stack.wait_ready():
            url = f"http://127.0.0.1:{args.port if not args.no_nginx else stack.app_ports[0]}/"
            print(f"示范县（生产方式）已启动：{url}  （按 Ctrl+C 停止）", flush=True)
        while not stopping and not stack.dead():
            time.sleep(0.5)
        if stack.dead():
            print(f"进程 {stack.dead()} 已退出，全部停止。", flush=True)
    except KeyboardInterrupt:
        pass
    finally:
        stack.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
