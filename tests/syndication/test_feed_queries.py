"""A feed costs a fixed number of queries however many items its column holds, and stays within a bound."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.helpers import building_pages, clear_caches

from ..factories import ImageFactory, NewsPageFactory, NoticePageFactory, PublicityPageFactory

# Measured on SQLite with a cold cache: a column or a home 13, a type 7 (RSS and Atom alike).
MAX_QUERIES = 15


def feed_queries(client, url):
    client.get(url)  # warm-up: renditions are made on first view
    clear_caches()
    with building_pages(), CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured), [query["sql"] for query in captured.captured_queries]


def fill(place, n):
    for _ in range(n):
        NewsPageFactory(parent=place.section("news"), cover_image=ImageFactory())
        NoticePageFactory(parent=place.section("notice"))
        PublicityPageFactory(parent=place.section("publicity"))


@pytest.mark.parametrize("feed_format", ["rss", "atom"])
@pytest.mark.parametrize("where", ["column", "unit", "kind"])
def test_feed_queries_do_not_grow_with_items(client, county, where, feed_format):
    place = county.town_a
    url = {
        "column": f"{place.section('news').url}feed/{feed_format}/",
        "unit": f"{place.home.url}feed/{feed_format}/",
        "kind": f"/feed/news/{feed_format}/",
    }[where]
    fill(place, 2)
    few, _ = feed_queries(client, url)
    fill(place, 10)
    many, sql = feed_queries(client, url)
    assert (many, many <= MAX_QUERIES) == (few, True), "\n".join(sql)


def test_sitemap_pages_queries_do_not_grow_with_pages(client, county):
    fill(county.town_a, 2)
    few, _ = feed_queries(client, "/sitemap-pages.xml")
    fill(county.town_a, 10)
    many, sql = feed_queries(client, "/sitemap-pages.xml")
    assert many == few, "\n".join(sql)
