"""sitemap.xml: an index of sections: live public pages with lastmod, public answers; never drafts or private pages."""

import xml.etree.ElementTree as ET

import pytest
from django.utils.timezone import localdate
from wagtail.models import PageViewRestriction

from townsquare.resident_requests import handling

from ..factories import NewsPageFactory

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def locations(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return [element.text for element in ET.fromstring(response.content).iter(f"{SITEMAP}loc")]


def page_entries(client):
    root = ET.fromstring(client.get("/sitemap-pages.xml").content)
    return {url.findtext(f"{SITEMAP}loc"): url.findtext(f"{SITEMAP}lastmod") for url in root.iter(f"{SITEMAP}url")}


def test_index_lists_every_section(client, county):
    assert locations(client, "/sitemap.xml") == [
        f"http://testserver/sitemap-{name}.xml" for name in ("pages", "answers", "listings", "entries")
    ]


def test_live_page_is_listed_with_lastmod(client, county):
    page = NewsPageFactory(parent=county.town_a.section("news"))
    assert page_entries(client)[f"http://localhost{page.url}"] == localdate(page.last_published_at).isoformat()


def test_draft_is_not_listed(client, county):
    page = NewsPageFactory(parent=county.town_a.section("news"), publish=False)
    assert f"http://localhost{page.url}" not in page_entries(client)


def test_private_page_is_not_listed(client, county):
    page = NewsPageFactory(parent=county.town_a.section("news"))
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    assert f"http://localhost{page.url}" not in page_entries(client)


def test_public_answer_is_listed(client, desk):
    request, _ = desk.file()
    handling.accept(request, desk.county.town_a.editor)
    assert f"http://testserver/liuyan/public/{request.tracking_number}/" in locations(client, "/sitemap-answers.xml")


@pytest.mark.parametrize("path", ["/banshi/", "/liuyan/public/", "/shenghuo/"])
def test_entry_pages_are_listed(client, county, path):
    assert f"http://testserver{path}" in locations(client, "/sitemap-entries.xml")


def test_index_dates_the_pages_section_by_the_latest_publication(client, county):
    page = NewsPageFactory(parent=county.town_a.section("news"))
    root = ET.fromstring(client.get("/sitemap.xml").content)
    dates = {entry.findtext(f"{SITEMAP}loc"): entry.findtext(f"{SITEMAP}lastmod") for entry in root}
    assert dates["http://testserver/sitemap-pages.xml"].startswith(localdate(page.last_published_at).isoformat())
