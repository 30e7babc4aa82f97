"""Every public page tells chat apps what a shared link shows: Open Graph, itemprop, description, canonical."""

import re

import pytest

from tests.services.factories import ServiceGuideFactory, index_of

from ..factories import ImageFactory, NewsPageFactory


def meta(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    head = response.content.decode().split("</head>")[0]
    found = dict(re.findall(r'<meta (?:property|itemprop|name)="([^"]+)" content="([^"]*)"', head))
    found.update(re.findall(r'<link rel="(canonical)" href="([^"]*)"', head))
    return found


OG = ("og:title", "og:description", "og:image", "og:url", "og:type", "og:site_name")


def test_home_has_every_open_graph_tag(client, county):
    assert [name for name in OG if not meta(client, "/").get(name)] == []


def test_home_without_picture_shares_the_default_image(client, county):
    assert meta(client, "/")["og:image"] == "http://testserver/static/core/share.png"


def test_article_shares_its_title_and_summary(client, county):
    page = NewsPageFactory(parent=county.town_a.section("news"), title="东街周三停水", summary="周三上午停水，请储水。")
    found = meta(client, page.url)
    assert (found["og:title"], found["og:description"], found["og:type"]) == (
        "东街周三停水",
        "周三上午停水，请储水。",
        "article",
    )


def test_article_shares_its_cover_picture(client, county):
    page = NewsPageFactory(parent=county.town_a.section("news"), cover_image=ImageFactory())
    assert re.fullmatch(r"http://testserver/media/images/.+\.width-960\.png", meta(client, page.url)["og:image"])


def test_article_itemprops_repeat_title_and_picture(client, county):
    page = NewsPageFactory(parent=county.town_a.section("news"), cover_image=ImageFactory())
    found = meta(client, page.url)
    assert (found["name"], found["image"]) == (found["og:title"], found["og:image"])


def test_canonical_url_leaves_out_the_query(client, county):
    column = county.town_a.section("news")
    assert meta(client, f"{column.url}?page=2&utm_source=wx")["canonical"] == f"http://testserver{column.url}"


def test_column_shares_its_title(client, county):
    assert meta(client, county.town_a.section("news").url)["og:title"] == "镇村动态"


def test_guide_shares_its_summary(client, county):
    guide = ServiceGuideFactory(parent=index_of(county.town_a.home), title="新生儿落户")
    assert meta(client, guide.url)["description"] == "孩子出生后报户口。"


@pytest.mark.parametrize(
    ("url", "title"), [("/liuyan/public/", "大家的留言 - 我要留言"), ("/zhanghao/", "政务新媒体账号")]
)
def test_views_outside_the_tree_share_their_title_without_the_site_name(client, county, url, title):
    assert meta(client, url)["og:title"] == title


def test_views_outside_the_tree_share_the_default_image(client, county):
    assert meta(client, "/liuyan/public/")["og:image"].endswith("/static/core/share.png")
