"""Feeds and the sitemap come from the page cache, and change as soon as a page they list changes."""

from wagtail.models import Page

from ..factories import NewsPageFactory


def test_second_request_of_a_feed_is_a_cache_hit(client, county):
    url = f"{county.town_a.section('news').url}feed/rss/"
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"


def test_publishing_a_page_refreshes_the_column_feed(client, county):
    column = county.town_a.section("news")
    client.get(f"{column.url}feed/rss/")
    NewsPageFactory(parent=column, title="刚发布的动态")
    assert "刚发布的动态" in client.get(f"{column.url}feed/rss/").content.decode()


def test_publishing_a_page_refreshes_the_type_feed(client, county):
    client.get("/feed/news/atom/")
    NewsPageFactory(parent=county.town_b.section("news"), title="刚发布的动态")
    assert "刚发布的动态" in client.get("/feed/news/atom/").content.decode()


def test_unpublishing_a_page_refreshes_the_sitemap(client, county):
    page = NewsPageFactory(parent=county.town_a.section("news"), title="要撤下的动态")
    client.get("/sitemap-pages.xml")
    Page.objects.get(pk=page.pk).unpublish()
    assert page.url not in client.get("/sitemap-pages.xml").content.decode()


def test_search_feeds_are_not_kept(client, county):
    client.get("/search/feed/rss/?q=路灯")
    assert "X-Page-Cache" not in client.get("/search/feed/rss/?q=路灯")
