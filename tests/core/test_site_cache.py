"""The request's Wagtail site and root page are kept in the process while they are unchanged."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

pytestmark = pytest.mark.django_db

# A cookie the site does not know: the page is built each time (as for a visitor with a session).
BUILT = {"HTTP_COOKIE": "somebody=1"}


def site_queries(client, path):
    with CaptureQueriesContext(connection) as queries:
        client.get(path, **BUILT)
    return [q["sql"] for q in queries if 'FROM "wagtailcore_site"' in q["sql"]]


def test_after_two_requests_the_site_is_not_looked_up_again(client, county):
    for _ in range(2):
        client.get("/", **BUILT)
    assert site_queries(client, county.town_a.home.url) == []


def test_a_renamed_site_is_looked_up_again(client, county):
    for _ in range(2):
        client.get("/", **BUILT)
    Site.objects.update(site_name="新的站点名")
    assert len(site_queries(client, "/")) == 1


def test_a_republished_home_page_shows_its_new_greeting(client, county):
    for _ in range(2):
        client.get("/", **BUILT)
    home = county.home
    home.intro = "欢迎回家，示范县的乡亲们"
    home.save_revision().publish()
    assert "欢迎回家，示范县的乡亲们" in client.get("/", **BUILT).content.decode()


def test_kept_hosts_stay_bounded(client, county, settings, monkeypatch):
    from townsquare.core import sitecache

    settings.ALLOWED_HOSTS = ["*"]
    monkeypatch.setattr(sitecache, "MAX_HOSTS", 3)
    for n in range(10):
        for _ in range(2):
            client.get("/", HTTP_HOST=f"host{n}.example", **BUILT)
    assert len(sitecache._kept) <= 3
