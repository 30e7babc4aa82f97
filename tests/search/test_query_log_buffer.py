"""Searches are logged off the request path: they wait in a buffer and are written in bulk."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from townsquare.search.models import QueryLog, QuerySighting
from townsquare.search.querylog import flush_queries, found_queries, log_query

pytestmark = pytest.mark.django_db


@pytest.fixture
def buffered(settings):
    settings.SEARCH_LOG_FLUSH_SIZE = 1000
    settings.SEARCH_LOG_FLUSH_SECONDS = 3600


def test_a_search_writes_nothing_to_the_log_in_the_request(client, county, buffered):
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/search/", {"q": "社保卡补领"}, REMOTE_ADDR="203.0.113.9").status_code == 200
    writes = [
        q["sql"] for q in captured.captured_queries if "sitesearch_query" in q["sql"] and "SELECT" not in q["sql"]
    ]
    assert writes == []


def test_after_the_flush_the_log_counts_every_search(client, county, buffered):
    for address in ("203.0.113.9", "203.0.113.9", "198.51.100.1"):
        client.get("/search/", {"q": "社保卡补领"}, REMOTE_ADDR=address)
    client.get("/search/", {"q": "zzqqxx"})
    flush_queries()
    logged = {row.query: (row.searches, row.empty_searches) for row in QueryLog.objects.all()}
    assert logged == {"社保卡补领": (3, 3), "zzqqxx": (1, 1)}


def test_a_second_flush_adds_to_the_day_s_row(county, buffered):
    log_query("社保卡", 2)
    flush_queries()
    log_query("社保卡", 5)
    log_query("社保卡", 0)
    flush_queries()
    row = QueryLog.objects.get(query="社保卡")
    assert (row.searches, row.empty_searches, row.last_results) == (3, 1, 0)


def test_the_flush_size_writes_the_waiting_searches(county, settings, buffered):
    settings.SEARCH_LOG_FLUSH_SIZE = 3
    for _ in range(3):
        log_query("社保卡", 2, address="203.0.113.9")
    assert (QueryLog.objects.get(query="社保卡").searches, QuerySighting.objects.count()) == (3, 1)


def test_suggestions_see_buffered_searches_after_the_scheduled_flush(county, buffered, time_machine):
    from townsquare.core.scheduling import JOBS

    for day in ("2026-12-01", "2026-12-02"):
        time_machine.move_to(f"{day}T10:00:00+08:00", tick=False)
        for n in range(3):
            log_query("社保卡补领地点", 4, address=f"10.0.0.{n}")
    JOBS["search_flush_log"].run()
    assert found_queries(5) == ["社保卡补领地点"]
