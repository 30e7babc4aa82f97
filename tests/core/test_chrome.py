"""The public pages' header, footer and life-service grid: filled from settings and from the apps' hooks."""

import re

import pytest
from wagtail import hooks

from townsquare.core.life import LIFE_SERVICES_HOOK, LifeService, life_service, life_services

pytestmark = pytest.mark.django_db


def footer(client):
    html = client.get("/").content.decode()
    return re.search(r'<footer class="site-footer">.*?</footer>', html, re.S).group(0)


def test_the_footer_shows_the_configured_site_identifiers(client, county, settings):
    settings.SITE_CODE = "1234567890"
    settings.SITE_ICP_NUMBER = "示ICP备12345678号"

    html = footer(client)

    assert "网站标识码：1234567890" in html
    assert "示ICP备12345678号" in html


def test_the_footer_leaves_out_identifiers_that_are_not_set(client, county, settings):
    settings.SITE_CODE = ""
    settings.SITE_ICP_NUMBER = ""
    settings.SITE_PSB_NUMBER = ""

    html = footer(client)

    assert "网站标识码" not in html
    assert 'class="site-id"' not in html


def test_the_header_links_to_the_search_the_search_app_registers(client, county):
    html = client.get("/").content.decode()

    assert '<a class="search-link" href="/search/">' in html


def test_the_apps_register_the_life_grid_in_its_order():
    assert [tile.slug for tile in life_services()] == [
        "weather",
        "jobs",
        "education",
        "traffic",
        "rentals",
        "culture",
        "offers",
        "services",
        "yuyue",
        "ask",
        "interviews",
    ]


def test_a_tile_registered_through_the_hook_shows_in_the_grid(client, county):
    def tiles():
        return [LifeService("library", "图书馆", "school", "借书、还书、阅览")]

    with hooks.register_temporarily(LIFE_SERVICES_HOOK, tiles):
        html = client.get("/").content.decode()

    grid = re.search(r'<nav class="life-grid".*?</nav>', html, re.S).group(0)
    assert '<a href="/life/library/"' in grid and "图书馆" in grid


def test_a_failing_live_hint_falls_back_to_the_fixed_hint():
    def broken():
        raise RuntimeError("provider down")

    tile = LifeService("weather", "天气", "cloud-sun", "今明天气和预警", live_hint=broken)

    assert tile.current_hint == "今明天气和预警"


def test_an_unregistered_slug_has_no_tile():
    assert life_service("no-such-tile") is None
