"""deploy/nginx/townsquare.conf, rendered as `make serve-prod` renders it: nginx accepts it, and its page cache
keeps the contract with the app (only X-Accel-Expires responses, keyed on 长辈版, never for a session)."""

import http.server
import shutil
import socket
import subprocess
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from scripts.serve_prod import NGINX, nginx_main_config, render_nginx

pytestmark = pytest.mark.skipif(not Path(NGINX).exists() and not shutil.which("nginx"), reason="nginx 未安装")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def write_config(folder, upstream_port, listen_port):
    site = render_nginx(
        [f"127.0.0.1:{upstream_port}"],
        f"127.0.0.1:{listen_port}",
        folder / "static",
        folder / "media",
        folder / "cache",
    )
    (folder / "static").mkdir(exist_ok=True)
    (folder / "media").mkdir(exist_ok=True)
    conf = folder / "nginx.conf"
    conf.write_text(nginx_main_config(folder, site))
    return conf


class App(http.server.BaseHTTPRequestHandler):
    """The app's side of the contract: /cached carries X-Accel-Expires, /plain does not."""

    hits = []

    def do_GET(self):
        App.hits.append((self.path, self.headers.get("Cookie", "")))
        body = f"{self.path} {self.headers.get('Cookie', '')}".encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Cache-Control", "public, no-cache")
        if self.path.startswith("/cached"):
            self.send_header("X-Accel-Expires", "30")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def proxy(tmp_path_factory):
    folder = tmp_path_factory.mktemp("nginx")
    app = http.server.ThreadingHTTPServer(("127.0.0.1", 0), App)
    threading.Thread(target=app.serve_forever, daemon=True).start()
    port = free_port()
    conf = write_config(folder, app.server_address[1], port)
    nginx = subprocess.Popen([NGINX, "-p", str(folder), "-c", str(conf), "-g", "daemon off;"])
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.1)
    yield port
    nginx.terminate()
    nginx.wait(timeout=10)
    app.shutdown()


def fetch(port, path, cookie=""):
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers={"Cookie": cookie} if cookie else {})
    with urllib.request.urlopen(request, timeout=5) as response:
        return response.headers.get("X-Cache-Status"), response.read().decode()


def app_hits(path):
    return sum(1 for hit_path, _ in App.hits if hit_path == path)


def test_the_rendered_config_passes_nginx_t(tmp_path):
    conf = write_config(tmp_path, 8001, free_port())
    result = subprocess.run([NGINX, "-t", "-p", str(tmp_path), "-c", str(conf)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_a_page_with_x_accel_expires_is_served_from_the_cache(proxy):
    fetch(proxy, "/cached/a")
    fetch(proxy, "/cached/a")
    assert app_hits("/cached/a") == 1


def test_a_page_without_x_accel_expires_is_not_cached(proxy):
    fetch(proxy, "/plain/b")
    fetch(proxy, "/plain/b")
    assert app_hits("/plain/b") == 2


def test_the_elder_mode_is_cached_apart(proxy):
    fetch(proxy, "/cached/c")
    _, body = fetch(proxy, "/cached/c", cookie="elder=1")
    assert "elder=1" in body


def test_a_visitor_with_a_session_reaches_the_app(proxy):
    fetch(proxy, "/cached/d")
    status, _ = fetch(proxy, "/cached/d", cookie="sessionid=abc")
    assert (status, app_hits("/cached/d")) == ("BYPASS", 2)


def test_a_sessions_page_is_not_stored_for_others(proxy):
    fetch(proxy, "/cached/e", cookie="sessionid=abc")
    _, body = fetch(proxy, "/cached/e")
    assert "sessionid" not in body
