"""The demo county's feeds and share data: every column and home feed parses, the home shares a line and a picture."""

import re
import xml.etree.ElementTree as ET

import pytest

from townsquare.publishing.models import HomeBase, NewsPage, SectionPage

pytestmark = pytest.mark.usefixtures("demo", "db")


def feed_owners():
    homes = [page.specific for page in SectionPage.objects.live().public()]
    homes += [page for model in HomeBase.__subclasses__() for page in model.objects.live().public()]
    return homes


@pytest.mark.parametrize("feed_format", ["rss", "atom"])
def test_every_column_and_home_feed_of_the_demo_parses(client, feed_format):
    broken = []
    for page in feed_owners():
        response = client.get(f"{page.url}feed/{feed_format}/")
        try:
            ET.fromstring(response.content)
        except ET.ParseError:
            broken.append(page.url)
        if response.status_code != 200:
            broken.append(page.url)
    assert broken == []


def test_the_demo_county_news_feed_lists_news(client):
    body = client.get("/feed/news/rss/").content
    assert len(ET.fromstring(body).find("channel").findall("item")) == min(50, NewsPage.objects.live().count())


def test_the_demo_home_shares_a_description_and_picture(client):
    head = client.get("/").content.decode().split("</head>")[0]
    found = dict(re.findall(r'<meta property="(og:[a-z]+)" content="([^"]*)"', head))
    assert found["og:description"] and found["og:image"].startswith("http://testserver/")
