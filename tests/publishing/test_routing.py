"""A URL finds its page in a fixed number of queries, whatever its depth, with Wagtail's answers."""

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from townsquare.publishing.models import HomeBase, NewsPage
from townsquare.publishing.routing import takes_default_route
from townsquare.services.models import ServiceGuidePage

from ..factories import NewsPageFactory

pytestmark = pytest.mark.django_db


def route(url):
    request = RequestFactory().get(url, HTTP_HOST="localhost")
    return Page.route_for_request(request, url)


def queries_to_route(url):
    route(url)  # the site is looked up once and cached
    with CaptureQueriesContext(connection) as queries:
        route(url)
    return len(queries)


def test_a_town_article_is_found_as_its_own_type(town_a):
    article = NewsPageFactory(parent=town_a.section("news"), title="青禾镇修好了桥")

    page, args, kwargs = route(article.url)

    assert (type(page), page.pk, page.title) == (NewsPage, article.pk, "青禾镇修好了桥")


def test_routing_costs_the_same_queries_one_level_deeper(county, town_a):
    county_article = NewsPageFactory(parent=county.county.section("news"))
    town_article = NewsPageFactory(parent=town_a.section("news"))

    assert queries_to_route(town_article.url) == queries_to_route(county_article.url)


def test_an_unpublished_page_is_not_found(town_a):
    draft = NewsPageFactory(parent=town_a.section("news"), publish=False)

    assert route(town_a.section("news").url + draft.slug + "/") is None


def test_a_missing_slug_halfway_is_not_found(town_a):
    article = NewsPageFactory(parent=town_a.section("news"))

    assert route(article.url.replace("/dongtai/", "/no-such-column/")) is None


def test_pages_that_route_themselves_are_asked_to(db):
    assert [takes_default_route(model, HomeBase.route) for model in (NewsPage, ServiceGuidePage)] == [True, False]
