"""Cursor pages walk every item once, in a stable order, whatever is published meanwhile."""

import pytest

from tests.factories import NewsPageFactory

from .conftest import fill, get_json, walk

pytestmark = pytest.mark.django_db


@pytest.fixture
def many(county):
    return fill(county, pages_per_type=3, listings_per_kind=2, requests=7)


def test_pages_walk_every_live_page_once(client, many):
    ids = [item["id"] for item in walk(client, "/api/v1/pages/", limit=4)]
    assert sorted(ids) == sorted(page.pk for page in many.pages)


def test_listings_walk_every_live_listing_once(client, many):
    ids = [item["id"] for item in walk(client, "/api/v1/listings/", limit=5)]
    assert sorted(ids) == sorted(listing.reference for listing in many.listings)


def test_requests_walk_every_public_request_once(client, many):
    numbers = [item["tracking_number"] for item in walk(client, "/api/v1/requests/", limit=3)]
    assert sorted(numbers) == sorted(request.tracking_number for request in many.requests)


def test_guides_walk_every_guide_once(client, many):
    ids = [item["id"] for item in walk(client, "/api/v1/guides/", limit=1)]
    assert sorted(ids) == sorted(guide.pk for guide in many.guides)


def test_pages_come_newest_first(client, many):
    moments = [item["published_at"] for item in walk(client, "/api/v1/pages/", limit=4)]
    assert moments == sorted(moments, reverse=True)


def test_a_page_published_while_walking_does_not_shift_the_rest(client, many):
    first = get_json(client, "/api/v1/pages/", limit=4)
    NewsPageFactory(parent=many.county.town_a.section("news"))
    rest = walk(client, "/api/v1/pages/", limit=4, cursor=first["next_cursor"])
    ids = [item["id"] for item in first["items"] + rest]
    assert sorted(ids) == sorted(page.pk for page in many.pages)


def test_the_next_link_carries_the_filters(client, many):
    data = get_json(client, "/api/v1/pages/", limit=1, type="news")
    assert "type=news" in data["next"] and f"cursor={data['next_cursor']}" in data["next"]


def test_limit_is_capped_by_the_setting(client, many, settings):
    settings.API_MAX_PAGE_SIZE = 2
    assert len(get_json(client, "/api/v1/pages/", limit=50)["items"]) == 2


def test_a_forged_cursor_is_a_400(client, many):
    assert client.get("/api/v1/listings/", {"cursor": "eyJ4Ijp9"}).status_code == 400
