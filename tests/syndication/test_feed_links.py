"""Pages that have a feed say so in their head (<link rel="alternate">); single publications do not."""

import pytest

from ..factories import NewsPageFactory

RSS = 'rel="alternate" type="application/rss+xml"'
ATOM = 'rel="alternate" type="application/atom+xml"'


def head(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode().split("</head>")[0]


@pytest.mark.parametrize("feed", [RSS, ATOM])
def test_column_links_its_feeds(client, county, feed):
    column = county.town_a.section("news")
    assert f'{feed} title="镇村动态（{"RSS" if feed == RSS else "Atom"}订阅）" href="{column.url}feed/' in head(
        client, column.url
    )


def test_unit_home_links_its_feed(client, county):
    assert f'href="{county.town_a.home.url}feed/rss/"' in head(client, county.town_a.home.url)


def test_county_home_links_its_feed(client, county):
    assert 'href="/feed/rss/"' in head(client, "/")


def test_search_results_link_their_feed(client, county):
    assert 'href="/search/feed/rss/?q=%E8%B7%AF%E7%81%AF"' in head(client, "/search/?q=路灯")


def test_search_without_query_has_no_feed(client, county):
    assert RSS not in head(client, "/search/")


def test_article_has_no_feed_link(client, county):
    page = NewsPageFactory(parent=county.town_a.section("news"))
    assert RSS not in head(client, page.url)
