"""留言办理情况 from the cache: computed once per year and units, shown fresh as soon as a request changes."""

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from townsquare.resident_requests import handling, stats_cache

from .stats_urls import PUBLIC_URL

SHANGHAI = ZoneInfo("Asia/Shanghai")
# Monday 12 January 2026, 10:00: a 咨询 filed now must be accepted by Tue 13th 17:30, answered by Wed 14th 17:30.
MONDAY = datetime(2026, 1, 12, 10, 0, tzinfo=SHANGHAI)
pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.resident_requests.stats_urls")]


@pytest.fixture
def at_monday():
    with time_machine.travel(MONDAY, tick=False) as traveller:
        yield traveller


def page_text(client):
    response = client.get(PUBLIC_URL)
    assert response.status_code == 200
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def received(text):
    """收到留言 in the summary."""
    return int(re.search(r"收到留言 (\d+) 件", text).group(1))


def answered_on_time(text):
    """按期答复 n/m in the summary."""
    return re.search(r"按期答复 (\d+/\d+) 件", text).group(1)


def test_a_second_view_reads_no_request_from_the_database(client, desk, at_monday):
    desk.file(now=MONDAY)
    page_text(client)

    with CaptureQueriesContext(connection) as captured:
        page_text(client)

    statistics_sql = [q["sql"] for q in captured.captured_queries if "resident_requests_" in q["sql"]]
    assert statistics_sql == []


def test_an_answer_shows_at_once(client, desk, at_monday):
    request, _ = desk.file(now=MONDAY)
    page_text(client)

    handling.answer(request, "已修好。", desk.county.town_a.editor, now=MONDAY + timedelta(hours=1))

    assert answered_on_time(page_text(client)) == "1/1"


def test_a_new_request_shows_at_once(client, desk, at_monday):
    desk.file(now=MONDAY)
    page_text(client)

    desk.file(now=MONDAY + timedelta(minutes=5))

    assert received(page_text(client)) == 2


def test_a_passed_answer_deadline_shows_without_any_change(client, desk, at_monday, settings):
    # The entry expires on the cache's clock: a process-local cache, whose clock the test moves (Redis keeps real time).
    settings.CACHES = {**settings.CACHES, "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    settings.REQUEST_STATS_CACHE_SECONDS = 30 * 24 * 3600
    desk.file(now=MONDAY)
    page_text(client)  # nothing due yet: 0/0

    at_monday.move_to(datetime(2026, 1, 14, 17, 31, tzinfo=SHANGHAI))

    assert answered_on_time(page_text(client)) == "0/1"


def test_a_renamed_unit_shows_at_once(client, desk, at_monday):
    desk.file(now=MONDAY)
    page_text(client)
    unit = desk.roads.unit
    unit.short_name = "新名镇"
    unit.save()

    response = client.get(PUBLIC_URL)
    assert f'<option value="{unit.slug}">新名镇</option>' in response.content.decode()


class BrokenCache:
    def get(self, *args, **kwargs):
        raise ConnectionError("redis is down")

    add = set = get


def test_a_failing_cache_still_shows_the_figures(client, desk, at_monday, monkeypatch):
    desk.file(now=MONDAY)
    monkeypatch.setattr(stats_cache, "cache", BrokenCache())

    assert received(page_text(client)) == 1
