"""The link checker against local servers only: OK, 404, timeout, HEAD refused, per-host limit and pause."""

import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.utils import timezone

from townsquare.oversight import linkcheck
from townsquare.oversight.models import LinkCheckResult

from ..factories import NewsPageFactory


class Handler(BaseHTTPRequestHandler):
    def _answer(self, body):
        server = self.server
        server.hits.append((self.command, self.path))
        if self.path.startswith("/slow"):
            server.release.wait(5)  # never answers within the test's timeout
            return
        if self.path.startswith("/nohead") and self.command == "HEAD":
            self.send_response(405)
        elif self.path.startswith("/missing"):
            self.send_response(404)
        else:
            self.send_response(200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        if body:
            self.wfile.write(b"ok")

    def do_HEAD(self):
        self._answer(body=False)

    def do_GET(self):
        self._answer(body=True)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    httpd.hits = []
    httpd.release = threading.Event()
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd
    httpd.release.set()
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(autouse=True)
def _local_settings(settings, server):
    settings.ALLOWED_HOSTS = ["testserver"]  # 127.0.0.1 is "another site" here
    settings.OVERSIGHT_LINK_TIMEOUT_SECONDS = 0.3
    settings.OVERSIGHT_LINK_HOST_DELAY_SECONDS = 0
    server.hits.clear()


def url(server, path):
    return f"http://127.0.0.1:{server.server_address[1]}{path}"


def page_with_links(section, *hrefs):
    html = "".join(f'<p><a href="{href}">链接{n}</a></p>' for n, href in enumerate(hrefs))
    return NewsPageFactory(parent=section, body=[("text", html)])


def test_external_links_ok_missing_and_timeout(server):
    assert linkcheck.check_external(url(server, "/fine"))[:2] == ("ok", 200)
    assert linkcheck.check_external(url(server, "/missing"))[:2] == ("broken", 404)
    status, code, detail = linkcheck.check_external(url(server, "/slow"))
    assert status == "timeout" and code is None and "秒内没有响应" in detail


def test_head_refused_falls_back_to_get(server):
    assert linkcheck.check_external(url(server, "/nohead"))[:2] == ("ok", 200)
    assert [method for method, _ in server.hits] == ["HEAD", "GET"]


def test_unreachable_host_is_a_connection_error():
    status, _, detail = linkcheck.check_external("http://127.0.0.1:9/", timeout=0.3)
    assert status == "error" and "连接失败" in detail


def test_a_run_checks_the_links_of_published_pages_and_keeps_the_results(town_a, server):
    page = page_with_links(town_a.section("news"), url(server, "/fine"), url(server, "/missing"), "#top")
    summary = linkcheck.run_link_check()
    assert "1 个打不开" in summary
    results = {r.url: r for r in LinkCheckResult.objects.all()}
    assert set(results) == {url(server, "/fine"), url(server, "/missing")}
    assert results[url(server, "/missing")].status == "broken"
    assert list(results[url(server, "/missing")].pages.all()) == [page.page_ptr]
    # The next run the same day checks nothing: OK links are due in a week, broken ones tomorrow.
    server.hits.clear()
    linkcheck.run_link_check()
    assert server.hits == []
    tomorrow = timezone.now() + timedelta(days=1, minutes=1)
    linkcheck.run_link_check(now=tomorrow)
    assert [path for _, path in server.hits] == ["/missing"]


def test_never_more_than_the_per_host_limit_in_one_run(town_a, server, settings):
    settings.OVERSIGHT_LINK_MAX_PER_HOST = 2
    page_with_links(town_a.section("news"), *(url(server, f"/fine/{n}") for n in range(5)))
    linkcheck.run_link_check()
    assert len(server.hits) == 2
    assert LinkCheckResult.objects.filter(status="pending").count() == 3


def test_never_more_than_the_run_limit(town_a, server, settings):
    settings.OVERSIGHT_LINK_MAX_PER_RUN = 3
    page_with_links(town_a.section("news"), *(url(server, f"/fine/{n}") for n in range(5)))
    linkcheck.run_link_check()
    assert len(server.hits) == 3


def test_waits_between_two_requests_to_one_host(town_a, server, settings):
    settings.OVERSIGHT_LINK_HOST_DELAY_SECONDS = 2
    page_with_links(town_a.section("news"), url(server, "/fine/a"), url(server, "/fine/b"), url(server, "/fine/c"))
    clock = {"t": 100.0}
    pauses = []

    def sleep(seconds):
        pauses.append(seconds)
        clock["t"] += seconds

    linkcheck.run_link_check(sleep=sleep, clock=lambda: clock["t"])
    assert len(server.hits) == 3
    assert pauses == [2, 2]


def test_internal_links_are_resolved_without_http(county, town_a, server):
    live = NewsPageFactory(parent=town_a.section("news"))
    gone = NewsPageFactory(parent=town_a.section("news"))
    gone_id = gone.pk
    gone.delete()
    section_path = town_a.section("news").url_path.removeprefix(county.home.url_path)
    assert linkcheck.check_internal(f"page:{live.pk}")[0] == "ok"
    assert linkcheck.check_internal(f"page:{gone_id}")[0] == "broken"
    assert linkcheck.check_internal(f"/{section_path}")[0] == "ok"
    assert linkcheck.check_internal("/no-such-column/")[0] == "broken"
    assert linkcheck.check_internal("/liuyan/")[0] == "ok"  # a view of its own, not a page
    assert linkcheck.check_internal("/media/nothing-here.pdf")[0] == "broken"
    assert server.hits == []


def test_rich_text_page_links_are_collected_and_checked(town_a, server):
    target = NewsPageFactory(parent=town_a.section("news"))
    NewsPageFactory(
        parent=town_a.section("news"),
        body=[("text", f'<p><a linktype="page" id="{target.pk}">上一篇</a> <a href="/no-such-column/">旧栏目</a></p>')],
    )
    linkcheck.run_link_check()
    statuses = dict(LinkCheckResult.objects.values_list("url", "status"))
    assert statuses == {f"page:{target.pk}": "ok", "/no-such-column/": "broken"}
    assert server.hits == []
