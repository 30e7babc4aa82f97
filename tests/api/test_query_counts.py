"""Each endpoint costs the same number of queries however many items it returns."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import NewsPageFactory, PolicyPageFactory
from tests.listings import factories as listing_factories
from tests.services.factories import ServiceGuideFactory, index_of

from .conftest import _publish_request

pytestmark = pytest.mark.django_db
LISTS = ("/api/v1/pages/", "/api/v1/guides/", "/api/v1/listings/", "/api/v1/requests/", "/api/v1/units/")


@pytest.fixture
def uncached(settings):
    settings.PAGE_CACHE_SECONDS = 0
    settings.API_RATE_LIMIT_PER_IP_MINUTE = 100_000


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def add_more(content):
    county = content.county
    for _ in range(3):
        NewsPageFactory(parent=county.town_a.section("news"))
        PolicyPageFactory(parent=county.county.section("policy"))
        ServiceGuideFactory(parent=index_of(county.town_b.home))
        listing_factories.job(town=county.town_a.unit)
        listing_factories.event(town=county.town_b.unit)
        _publish_request(content.category, county.town_a.editor, answer="已答复。")


@pytest.mark.parametrize("url", LISTS)
def test_a_list_costs_the_same_with_more_items(client, content, uncached, url):
    queries(client, url)  # warm the site root paths and content types
    before = queries(client, url)
    add_more(content)
    assert queries(client, url) == before


def test_a_page_of_pages_costs_few_queries(client, content, uncached):
    queries(client, "/api/v1/pages/")
    assert queries(client, "/api/v1/pages/") <= 8
