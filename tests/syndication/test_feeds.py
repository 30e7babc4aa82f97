"""RSS 2.0 and Atom feeds of a column, a home, a type of publication: their structure and what they list."""

import xml.etree.ElementTree as ET

import pytest
from django.test import override_settings
from wagtail.models import PageViewRestriction

from ..factories import ImageFactory, NewsPageFactory, NoticePageFactory, PolicyPageFactory

ATOM = "{http://www.w3.org/2005/Atom}"


def rss_items(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return ET.fromstring(response.content).find("channel").findall("item")


def titles(client, url):
    return [item.findtext("title") for item in rss_items(client, url)]


@pytest.fixture
def news(county):
    return county.town_a.section("news")


def test_column_rss_is_rss_2(client, news):
    NewsPageFactory(parent=news)
    root = ET.fromstring(client.get(f"{news.url}feed/rss/").content)
    assert (root.tag, root.get("version")) == ("rss", "2.0")


def test_column_rss_channel_has_title_link_and_description(client, news):
    channel = ET.fromstring(client.get(f"{news.url}feed/rss/").content).find("channel")
    assert all(channel.findtext(name) for name in ("title", "link", "description"))


def test_column_rss_item_has_every_field(client, news):
    NewsPageFactory(parent=news)
    item = rss_items(client, f"{news.url}feed/rss/")[0]
    present = {child.tag for child in item}
    assert {"title", "link", "description", "pubDate", "guid", "category"} <= present


def test_column_rss_item_links_to_the_page(client, news):
    page = NewsPageFactory(parent=news)
    item = rss_items(client, f"{news.url}feed/rss/")[0]
    assert item.findtext("link") == f"http://testserver{page.url}"


def test_column_rss_item_carries_the_summary(client, news):
    NewsPageFactory(parent=news, summary="周三上午东街停水，请提前储水。")
    assert rss_items(client, f"{news.url}feed/rss/")[0].findtext("description") == "周三上午东街停水，请提前储水。"


def test_column_rss_item_names_the_unit_as_author(client, news):
    NewsPageFactory(parent=news)
    item = rss_items(client, f"{news.url}feed/rss/")[0]
    assert "青禾镇" in item.findtext("{http://purl.org/dc/elements/1.1/}creator", "") + item.findtext("author", "")


def test_column_rss_lists_newest_first(client, news):
    NewsPageFactory(parent=news, title="先发的")
    NewsPageFactory(parent=news, title="后发的")
    assert titles(client, f"{news.url}feed/rss/") == ["后发的", "先发的"]


def test_column_rss_leaves_out_drafts(client, news):
    NewsPageFactory(parent=news, title="还没发布的稿子", publish=False)
    assert "还没发布的稿子" not in titles(client, f"{news.url}feed/rss/")


@override_settings(FEED_ITEMS=3)
def test_column_rss_holds_at_most_feed_items(client, news):
    for _ in range(5):
        NewsPageFactory(parent=news)
    assert len(rss_items(client, f"{news.url}feed/rss/")) == 3


def test_cover_image_is_an_enclosure(client, news):
    NewsPageFactory(parent=news, cover_image=ImageFactory())
    enclosure = rss_items(client, f"{news.url}feed/rss/")[0].find("enclosure")
    assert enclosure.get("type").startswith("image/") and int(enclosure.get("length")) > 0


def test_policy_item_carries_its_topic_as_category(client, county):
    policies = county.county.section("policy")
    PolicyPageFactory(parent=policies, topic="agriculture")
    categories = [c.text for c in rss_items(client, f"{policies.url}feed/rss/")[0].findall("category")]
    assert "农业、林业、水利" in categories


def test_column_atom_is_atom(client, news):
    NewsPageFactory(parent=news)
    root = ET.fromstring(client.get(f"{news.url}feed/atom/").content)
    assert root.tag == f"{ATOM}feed"


def test_column_atom_entry_has_every_field(client, news):
    NewsPageFactory(parent=news)
    entry = ET.fromstring(client.get(f"{news.url}feed/atom/").content).find(f"{ATOM}entry")
    present = {child.tag.removeprefix(ATOM) for child in entry}
    assert {"title", "link", "id", "updated", "published", "summary", "author", "category"} <= present


def test_unit_feed_lists_every_column_of_the_unit(client, county):
    NewsPageFactory(parent=county.town_a.section("news"), title="青禾镇的动态")
    NoticePageFactory(parent=county.town_a.section("notice"), title="青禾镇的通知")
    assert set(titles(client, f"{county.town_a.home.url}feed/rss/")) == {"青禾镇的动态", "青禾镇的通知"}


def test_unit_feed_leaves_out_other_units(client, county):
    NewsPageFactory(parent=county.town_b.section("news"), title="石桥镇的动态")
    assert titles(client, f"{county.town_a.home.url}feed/rss/") == []


def test_county_home_feed_lists_every_unit(client, county):
    NewsPageFactory(parent=county.town_a.section("news"), title="青禾镇的动态")
    NewsPageFactory(parent=county.town_b.section("news"), title="石桥镇的动态")
    assert set(titles(client, "/feed/rss/")) == {"青禾镇的动态", "石桥镇的动态"}


def test_kind_feed_lists_that_kind_from_every_unit(client, county):
    NewsPageFactory(parent=county.town_a.section("news"), title="青禾镇的动态")
    NewsPageFactory(parent=county.town_b.section("news"), title="石桥镇的动态")
    NoticePageFactory(parent=county.town_a.section("notice"), title="青禾镇的通知")
    assert set(titles(client, "/feed/news/rss/")) == {"青禾镇的动态", "石桥镇的动态"}


def test_unknown_kind_is_not_found(client, county):
    assert client.get("/feed/weather/rss/").status_code == 404


def test_article_has_no_feed(client, news):
    page = NewsPageFactory(parent=news)
    assert client.get(f"{page.url}feed/rss/").status_code == 404


def test_restricted_column_has_no_feed(client, news):
    PageViewRestriction.objects.create(page=news, restriction_type=PageViewRestriction.LOGIN)
    assert client.get(f"{news.url}feed/rss/").status_code == 404


def test_restricted_pages_are_left_out_of_a_unit_feed(client, county):
    NewsPageFactory(parent=county.town_a.section("news"), title="内部的动态")
    PageViewRestriction.objects.create(page=county.town_a.section("news"), restriction_type=PageViewRestriction.LOGIN)
    assert titles(client, f"{county.town_a.home.url}feed/rss/") == []


def test_item_guid_is_the_absolute_link(client, news):
    page = NewsPageFactory(parent=news)
    guid = rss_items(client, f"{news.url}feed/rss/")[0].find("guid")
    assert (guid.text, guid.get("isPermaLink")) == (f"http://testserver{page.url}", "true")
