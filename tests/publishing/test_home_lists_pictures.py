"""A home page's lists fetch pictures only for the cards that show one (news), not for notices and 公示."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from townsquare.publishing.queries import home_context

from ..factories import ImageFactory, NewsPageFactory, NoticePageFactory, PublicityPageFactory
from ..helpers import fresh

pytestmark = pytest.mark.django_db


def image_queries(home):
    with CaptureQueriesContext(connection) as captured:
        home_context(home)
    return [query["sql"] for query in captured.captured_queries if "wagtailimages_" in query["sql"]]


def test_notice_and_publicity_pictures_are_not_fetched(county):
    NoticePageFactory(parent=county.county.section("notice"), cover_image=ImageFactory())
    PublicityPageFactory(parent=county.county.section("publicity"), cover_image=ImageFactory())

    assert image_queries(fresh(county.home)) == []


def test_news_pictures_come_with_their_card_renditions(county):
    NewsPageFactory(parent=county.county.section("news"), cover_image=ImageFactory())

    assert len(image_queries(fresh(county.home))) == 2
