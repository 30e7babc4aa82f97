"""Pages with no restriction on their path are served without asking for restrictions; restricted ones still ask."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from tests.factories import NewsPageFactory

pytestmark = pytest.mark.django_db

BUILT = {"HTTP_COOKIE": "somebody=1"}


def test_an_unrestricted_page_asks_no_restriction_query(client, county):
    page = NewsPageFactory(parent=county.town_a.section("news"))
    client.get(page.url, **BUILT)
    with CaptureQueriesContext(connection) as queries:
        client.get(page.url, **BUILT)
    assert not [q for q in queries if "wagtailcore_pageviewrestriction" in q["sql"]]


def test_a_page_below_a_restricted_column_asks_for_a_login(client, county):
    column = county.town_a.section("news")
    page = NewsPageFactory(parent=column)
    client.get(page.url, **BUILT)  # remembered while nothing was restricted
    PageViewRestriction.objects.create(page=column, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(page.url, **BUILT)
    assert response.status_code == 302


def test_a_restricted_page_moved_under_another_column_stays_restricted(client, county):
    page = NewsPageFactory(parent=county.town_a.section("news"))
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    client.get(page.url, **BUILT)
    page.move(county.town_b.section("news"), pos="last-child")
    page.refresh_from_db()
    assert client.get(page.url, **BUILT).status_code == 302
