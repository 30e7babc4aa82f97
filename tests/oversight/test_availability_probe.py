"""The availability probe opens pages over real HTTP (a server on loopback): ok, too slow, 5xx, unreachable."""

import socket
import threading
import time
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.utils import timezone

from townsquare.core.scheduling import JOBS
from townsquare.oversight import jobs
from townsquare.oversight.models import AvailabilityCheck
from townsquare.oversight.probe import open_page, probe_urls, prune

TIMEOUT = 0.5
SLOW = 1.5


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/slow/":
            time.sleep(SLOW)
        if self.path == "/drip/":
            self.send_response(200)
            self.end_headers()
            for _ in range(6):
                self.wfile.write(b"<p>" * 10)
                self.wfile.flush()
                time.sleep(0.2)
            return
        status = 500 if self.path == "/broken/" else 404 if self.path == "/missing/" else 200
        body = "<html><body>示范县</body></html>".encode()
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def serve(port=0):
    server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture
def site(settings):
    settings.AVAILABILITY_TIMEOUT_SECONDS = TIMEOUT
    server = serve()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    settings.AVAILABILITY_PROBE_URL = base
    yield base
    server.shutdown()
    server.server_close()


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_a_page_that_answers_opens(site):
    result = open_page(f"{site}/ok/")
    assert (result.ok, result.status_code, result.error) == (True, 200, "")


def test_a_page_slower_than_the_timeout_fails(site):
    result = open_page(f"{site}/slow/")
    assert (result.ok, result.error) == (False, f"超过{TIMEOUT:g}秒没有打开")


def test_a_page_trickling_past_the_timeout_fails(site):
    result = open_page(f"{site}/drip/")
    assert (result.ok, result.error) == (False, f"超过{TIMEOUT:g}秒没有打开")


def test_a_server_error_fails(site):
    result = open_page(f"{site}/broken/")
    assert (result.ok, result.status_code, result.error) == (False, 500, "网站出错（状态码 500）")


def test_a_missing_page_is_not_an_outage(site):
    assert open_page(f"{site}/missing/").ok


def test_a_refused_connection_fails_with_a_reason(settings):
    settings.AVAILABILITY_TIMEOUT_SECONDS = TIMEOUT
    result = open_page(f"http://127.0.0.1:{free_port()}/")
    assert (result.ok, result.error) == (False, "连不上网站：服务器拒绝连接（网站程序可能没有运行）")


def test_a_server_coming_up_within_the_timeout_is_not_an_outage():
    port = free_port()
    servers = []
    timer = threading.Timer(0.3, lambda: servers.append(serve(port)))
    timer.start()
    try:
        result = open_page(f"http://127.0.0.1:{port}/ok/", timeout=5)
    finally:
        timer.join()
        for server in servers:
            server.shutdown()
            server.server_close()
    assert result.ok


def test_the_job_records_every_page_of_one_check(site, settings, db):
    settings.AVAILABILITY_PROBE_PATHS = ["/", "/broken/", "/banshi/"]
    jobs.oversight_availability()
    rows = list(AvailabilityCheck.objects.order_by("url").values_list("url", "ok", "status_code"))
    assert rows == [(f"{site}/", True, 200), (f"{site}/banshi/", True, 200), (f"{site}/broken/", False, 500)]


def test_the_pages_of_one_check_share_its_time(site, settings, db):
    settings.AVAILABILITY_PROBE_PATHS = ["/", "/slow/"]
    jobs.oversight_availability()
    assert AvailabilityCheck.objects.values("checked_at").distinct().count() == 1


def test_the_town_placeholder_is_the_first_towns_home(county, settings):
    settings.AVAILABILITY_PROBE_URL = "https://zw.example.gov.cn/"
    settings.AVAILABILITY_PROBE_PATHS = ["/", "{town}", "/liuyan/"]
    assert probe_urls() == [
        "https://zw.example.gov.cn/",
        "https://zw.example.gov.cn/qinghe/",
        "https://zw.example.gov.cn/liuyan/",
    ]


def test_the_probe_runs_as_often_as_the_inspectors_check():
    assert JOBS["oversight_availability"].every == timedelta(hours=1)


def test_checks_older_than_the_retention_are_pruned(db, settings):
    settings.AVAILABILITY_RETENTION_DAYS = 400
    now = timezone.now()
    for days in (401, 399):
        AvailabilityCheck.objects.create(checked_at=now - timedelta(days=days), url="http://x/")
    prune(now)
    assert [(now - at).days for at in AvailabilityCheck.objects.values_list("checked_at", flat=True)] == [399]
