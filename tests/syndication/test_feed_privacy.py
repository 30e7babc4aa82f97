"""No feed, nor the sitemap, carries a resident's contacts: feeds hold titles and summaries, answers come masked."""

import pytest
from django.urls import reverse

from tests.resident_requests.test_public_list import (
    CONTACT_EMAIL,
    CONTACT_PHONE,
    EMAIL,
    ID_NUMBER,
    NAME,
    PHONE,
    SECRETS,
)
from townsquare.resident_requests import handling

from ..factories import NewsPageFactory


@pytest.fixture
def personal(desk):
    """A public 我要留言 request whose sender typed their personal data everywhere, answered with it too."""
    request, _ = desk.file(
        title=f"{NAME}反映路灯，电话{PHONE}",
        details=f"我是{NAME}，电话{PHONE}，身份证{ID_NUMBER}，邮箱{EMAIL}。东街口路灯坏了。",
        contact_name=NAME,
        contact_phone=CONTACT_PHONE,
        contact_email=CONTACT_EMAIL,
    )
    staff = desk.county.town_a.editor
    handling.accept(request, staff)
    handling.answer(request, f"{NAME}您好，路灯已修好，回访电话{PHONE}。", staff)
    return request


def feed_urls(county):
    urls = []
    for feed_format in ("rss", "atom"):
        urls += [
            f"/feed/{feed_format}/",
            f"{county.town_a.home.url}feed/{feed_format}/",
            f"{county.town_a.section('news').url}feed/{feed_format}/",
            f"/feed/news/{feed_format}/",
            reverse("syndication:search_feed", kwargs={"feed_format": feed_format}) + "?q=路灯",
        ]
    return urls


def test_search_feed_lists_the_public_answer(client, personal):
    assert "路灯" in client.get("/search/feed/rss/?q=路灯").content.decode()


def test_no_feed_carries_a_residents_contacts(client, desk, personal):
    NewsPageFactory(parent=desk.county.town_a.section("news"), title="东街路灯修好了")
    bodies = "".join(client.get(url).content.decode() for url in feed_urls(desk.county))
    assert [secret for secret in SECRETS if secret in bodies] == []


def test_the_sitemap_carries_no_contacts(client, personal):
    body = client.get("/sitemap-answers.xml").content.decode()
    assert [secret for secret in SECRETS if secret in body] == []


def test_a_column_feed_leaves_the_body_out(client, county):
    body = [{"type": "text", "value": f"<p>联系人{NAME}，电话{PHONE}</p>"}]
    NewsPageFactory(parent=county.town_a.section("news"), body=body)
    feed = client.get(f"{county.town_a.section('news').url}feed/rss/").content.decode()
    assert PHONE not in feed
