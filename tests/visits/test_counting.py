"""Page views and daily visitors counted in the cache, with no cookie, no stored address, no database write."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from townsquare.visits import counting

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (Linux; Android 13) AppleWebKit/537.36 Chrome/120 Mobile Safari/537.36"


def _views(path="/qinghe/"):
    return counting.visits_cache().get(counting.views_key(timezone.localdate(), path)) or 0


def _visitors():
    return counting.visits_cache().get(counting.visitors_key(timezone.localdate())) or 0


def test_a_page_view_is_counted(client, county):
    client.get("/qinghe/", HTTP_USER_AGENT=BROWSER)
    assert _views() == 1


def test_a_page_served_from_the_page_cache_is_counted_too(client, county):
    client.get("/qinghe/", HTTP_USER_AGENT=BROWSER)
    response = client.get("/qinghe/", HTTP_USER_AGENT=BROWSER)
    assert (response["X-Page-Cache"], _views()) == ("hit", 2)


def test_a_cached_page_view_writes_nothing_to_the_database(client, county):
    client.get("/qinghe/", HTTP_USER_AGENT=BROWSER)
    with CaptureQueriesContext(connection) as captured:
        client.get("/qinghe/", HTTP_USER_AGENT=BROWSER)
    assert not [q for q in captured.captured_queries if not q["sql"].lstrip().upper().startswith("SELECT")]


def test_a_robot_is_not_counted(client, county):
    client.get("/qinghe/", HTTP_USER_AGENT="Mozilla/5.0 (compatible; Baiduspider/2.0)")
    assert _views() == 0


def test_a_missing_page_is_not_counted(client, county):
    client.get("/no-such-page/", HTTP_USER_AGENT=BROWSER)
    assert _views("/no-such-page/") == 0


def test_the_admin_is_not_counted(client, county):
    client.get("/admin/login/", HTTP_USER_AGENT=BROWSER)
    assert _views("/admin/login/") == 0


def test_the_same_visitor_counts_once_a_day(client, county):
    client.get("/qinghe/", HTTP_USER_AGENT=BROWSER)
    client.get("/shiqiao/", HTTP_USER_AGENT=BROWSER)
    assert _visitors() == 1


def test_another_address_is_another_visitor(client, county):
    client.get("/qinghe/", HTTP_USER_AGENT=BROWSER, REMOTE_ADDR="10.0.0.1")
    client.get("/qinghe/", HTTP_USER_AGENT=BROWSER, REMOTE_ADDR="10.0.0.2")
    assert _visitors() == 2


def test_counting_sets_no_cookie(client, county):
    assert not client.get("/qinghe/", HTTP_USER_AGENT=BROWSER).cookies


def test_the_visitor_marker_does_not_hold_the_address(rf):
    request = rf.get("/", HTTP_USER_AGENT=BROWSER, REMOTE_ADDR="10.1.2.3")
    assert "10.1.2.3" not in counting.visitor_of(request, "salt")


def test_the_same_visitor_is_another_one_under_another_day_s_salt(rf):
    request = rf.get("/", HTTP_USER_AGENT=BROWSER, REMOTE_ADDR="10.1.2.3")
    assert counting.visitor_of(request, "monday") != counting.visitor_of(request, "tuesday")


def test_a_failing_visits_cache_still_serves_the_page(client, county, monkeypatch):
    def broken(*args, **kwargs):
        raise ConnectionError("cache down")

    monkeypatch.setattr(counting, "record", broken)
    assert client.get("/qinghe/", HTTP_USER_AGENT=BROWSER).status_code == 200
