"""The public 留言办理情况 page and the admin 接诉即办统计: tables always, charts on top, filters by GET."""

import json
import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from townsquare.resident_requests import handling
from townsquare.resident_requests.stats_views import ADMIN_URL_NAME, stats_menu_item

from ..helpers import clear_caches, login
from .stats_urls import PUBLIC_URL
from .test_statistics import NOW, crafted_january, file_many

SHANGHAI = ZoneInfo("Asia/Shanghai")
pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.resident_requests.stats_urls")]


def at(*args):
    return datetime(*args, tzinfo=SHANGHAI)


@pytest.fixture
def at_now():
    with time_machine.travel(NOW, tick=False):
        yield


def page(client, **params):
    response = client.get(PUBLIC_URL, params)
    assert response.status_code == 200
    return response, response.content.decode()


def text_of(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_the_page_shows_the_figures_in_a_table_with_charts_on_top(client, desk, at_now):
    crafted_january(desk)
    response, html = page(client)

    assert "<h1>留言办理情况</h1>" in html
    assert '<caption id="stats-months-caption">2026年全县合计每月办理情况</caption>' in html
    assert '<th scope="col">响应率</th>' in html and '<th scope="row">1月</th>' in html
    # The current year stops at the current month (February); later months are not listed as zeros.
    assert '<th scope="row">2月</th>' in html and '<th scope="row">3月</th>' not in html
    words = text_of(html)
    assert "60% 3/5" in words and "50% 2/4" in words and "66.7% 2/3" in words and "100% 3/3" in words
    assert "另有1件重复留言已并案" in words
    # Units in their normal order, each linking to its own figures; no ranking.
    assert words.index("青禾镇 5") < words.index("石桥镇 0")
    assert "不作排名" in words and "排名第" not in words

    # Charts: local files only, loaded by this page, hidden until drawn, with a text alternative.
    assert "/static/resident_requests/vendor/uPlot.iife.min.js" in html and "//cdn" not in html
    assert 'id="stats-charts"' in html and "hidden>" in html
    assert 'role="img" aria-label="2026年全县合计每月收到的留言：1月5件，2月0件。"' in html
    data = json.loads(re.search(r'<script id="stats-chart-data" type="application/json">(.*?)</script>', html).group(1))
    assert data["received"][:3] == [5, 0, None] and data["rates"][0]["values"][0] == 60.0
    # Nothing personal leaks into the figures.
    assert "13900001111" not in html and "李四" not in html


def test_the_year_and_unit_filter(client, desk, at_now):
    crafted_january(desk)
    desk.file(category=desk.schools, now=at(2025, 12, 30, 10, 0))

    _, html = page(client, year="2025", unit=desk.schools.unit.slug)
    assert '<option value="2025" selected>2025年</option>' in html
    assert f'<option value="{desk.schools.unit.slug}" selected>' in html
    assert "2025年石桥镇每月办理情况" in html and '<th scope="row">12月</th>' in html
    assert "各单位办理情况" not in html  # one unit chosen: its months only

    _, html = page(client, unit=desk.roads.unit.slug)
    assert "2026年青禾镇每月办理情况" in text_of(html)

    # Unknown or malformed values fall back to this year and the whole county, never an error.
    _, html = page(client, year="1999", unit="nowhere")
    assert "2026年全县合计每月办理情况" in html
    _, html = page(client, year="abc")
    assert "2026年全县合计每月办理情况" in html


def test_the_page_works_with_no_requests_at_all(client, desk, at_now):
    _, html = page(client)
    assert "2026年全县合计还没有收到留言。" in html
    assert "stats-chart-data" not in html


def test_the_elder_mode_keeps_the_same_page(client, desk, at_now):
    crafted_january(desk)
    client.cookies[settings.ELDER_MODE_COOKIE] = "1"
    _, html = page(client)
    assert '<body class="elder' in html and "stats-months-caption" in html


def queries(client):
    page(client)  # warm-up
    clear_caches()
    with CaptureQueriesContext(connection) as captured:
        page(client)
    return len(captured), [q["sql"] for q in captured.captured_queries]


def test_the_page_costs_the_same_number_of_queries_for_few_and_many_requests(client, desk, at_now):
    file_many(desk, 3, at(2026, 1, 5, 9, 0))
    few, _ = queries(client)
    file_many(desk, 40, at(2026, 1, 5, 9, 0))
    many, sql = queries(client)
    assert many == few, "\n".join(sql)
    print(f"statistics page: {few} queries with 3 requests, {many} with 43")
    assert many <= 11, "\n".join(sql)  # the figures, the years, the 回访 figures, the page chrome


def test_admin_page_for_county_staff_shows_every_unit(client, desk, at_now):
    crafted_january(desk)
    response = login(client, desk.county.county.editor).get(reverse(ADMIN_URL_NAME))
    assert response.status_code == 200
    html = response.content.decode()
    assert "接诉即办统计" in html and "2026年全县合计每月办理情况" in html
    assert 'class="listing stats-table"' in html
    assert "青禾镇" in html and "石桥镇" in html


def test_admin_page_for_a_town_shows_only_its_own_figures(client, desk, at_now):
    crafted_january(desk)
    desk.file(category=desk.schools, now=at(2026, 1, 20, 10, 0))
    html = login(client, desk.county.town_b.editor).get(reverse(ADMIN_URL_NAME)).content.decode()
    assert "2026年石桥镇每月办理情况" in html
    assert "青禾镇" not in html and "全县" not in html
    assert '<option value="" ' not in html  # one unit: no "total" of one to choose
    # Asking for another town's figures shows their own instead.
    html = client.get(reverse(ADMIN_URL_NAME), {"unit": desk.roads.unit.slug}).content.decode()
    assert "青禾镇" not in html and "2026年石桥镇每月办理情况" in html


def test_admin_page_needs_a_login(client, desk):
    response = client.get(reverse(ADMIN_URL_NAME))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_menu_item_points_to_the_admin_page():
    item = stats_menu_item()
    assert item.label == "接诉即办统计" and str(item.url) == reverse(ADMIN_URL_NAME)


def test_answering_moves_the_figures(client, desk, at_now):
    request, _ = desk.file(now=NOW - timedelta(hours=2))
    handling.answer(request, "已修好。", desk.county.town_a.editor, now=NOW - timedelta(hours=1))
    _, html = page(client, unit=desk.roads.unit.slug)
    assert "100% 1/1" in text_of(html)


def test_the_page_loads_only_local_files_that_exist():
    from django.contrib.staticfiles import finders

    for name in ("vendor/uPlot.iife.min.js", "vendor/uPlot.min.css", "vendor/README.txt", "stats.js", "stats.css"):
        assert finders.find(f"resident_requests/{name}"), name
