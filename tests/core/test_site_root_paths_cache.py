"""Wagtail's site root paths, which page URLs are made from, are kept in the process while unchanged."""

import pytest
from wagtail.models import Site

pytestmark = pytest.mark.django_db

# A cookie the site does not know: the page is built each time (as for a visitor with a session).
BUILT = {"HTTP_COOKIE": "somebody=1"}


@pytest.fixture
def root_path_reads(monkeypatch):
    calls = []
    original = Site.get_site_root_paths

    def counted():
        calls.append(1)
        return original()

    monkeypatch.setattr(Site, "get_site_root_paths", staticmethod(counted))
    return calls


def test_after_a_request_the_root_paths_are_not_read_again(client, county, root_path_reads):
    client.get(county.town_a.home.url, **BUILT)
    root_path_reads.clear()
    client.get(county.town_a.home.url, **BUILT)
    assert root_path_reads == []


def root_paths_of(client, path):
    return client.get(path, **BUILT).wsgi_request._wagtail_cached_site_root_paths


def test_a_changed_site_has_its_root_paths_read_again(client, county):
    for _ in range(2):
        kept = root_paths_of(client, county.town_a.home.url)
    Site.objects.update(port=8080)
    assert root_paths_of(client, county.town_a.home.url) is not kept


def test_a_published_page_has_the_root_paths_read_again(client, county):
    for _ in range(2):
        kept = root_paths_of(client, county.town_a.home.url)
    county.town_b.home.save_revision().publish()
    assert root_paths_of(client, county.town_a.home.url) is not kept
