"""A home page's notices, publicity and news are one cached fragment, refreshed when its content changes."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from townsquare.publishing.queries import home_blocks

from ..factories import NewsPageFactory, NoticePageFactory, PublicityPageFactory
from ..helpers import building_pages, fresh

pytestmark = pytest.mark.django_db


def county_blocks(county):
    return home_blocks(fresh(county.home), scope=None, show_unit=True)


def town_blocks(place):
    home = fresh(place.home)
    return home_blocks(home, scope=home, show_unit=False)


def test_the_cached_fragment_costs_no_query(county, django_assert_num_queries):
    county_blocks(county)
    home = fresh(county.home)

    with django_assert_num_queries(0):
        home_blocks(home, scope=None, show_unit=True)


def test_a_published_news_item_appears_on_the_cached_county_home(county):
    assert "新建的村卫生室投入使用" not in county_blocks(county)

    NewsPageFactory(parent=county.town_a.section("news"), title="新建的村卫生室投入使用")

    assert "新建的村卫生室投入使用" in county_blocks(county)


def test_a_published_notice_appears_on_the_cached_town_home(county):
    assert "关于东街停电的通知" not in town_blocks(county.town_a)

    NoticePageFactory(parent=county.town_a.section("notice"), title="关于东街停电的通知")

    assert "关于东街停电的通知" in town_blocks(county.town_a)


def test_an_unpublished_notice_leaves_the_cached_town_home(county):
    notice = NoticePageFactory(parent=county.town_a.section("notice"), title="关于东街停电的通知")
    assert "关于东街停电的通知" in town_blocks(county.town_a)

    fresh(notice).unpublish()

    assert "关于东街停电的通知" not in town_blocks(county.town_a)


def test_another_towns_notice_leaves_a_town_homes_fragment_cached(county, django_assert_num_queries):
    town_blocks(county.town_a)
    NoticePageFactory(parent=county.town_b.section("notice"), title="关于西街停水的通知")
    home = fresh(county.town_a.home)

    with django_assert_num_queries(0):
        home_blocks(home, scope=home, show_unit=False)


def test_a_notice_leaves_the_cached_home_when_its_validity_ends(county):
    now = timezone.now()
    NoticePageFactory(
        parent=county.town_a.section("notice"),
        title="关于东街停电的通知",
        valid_until=now + datetime.timedelta(seconds=10),
    )
    assert "关于东街停电的通知" in town_blocks(county.town_a)

    with time_machine.travel(now + datetime.timedelta(seconds=30)):  # within the fragment's timeout
        assert "关于东街停电的通知" not in town_blocks(county.town_a)


def test_a_publicity_leaves_the_cached_home_when_its_period_ends(county):
    now = timezone.now()
    PublicityPageFactory(
        parent=county.town_a.section("publicity"),
        title="低保对象公示",
        period_starts=now - datetime.timedelta(days=1),
        period_ends=now + datetime.timedelta(seconds=10),
    )
    assert "低保对象公示" in county_blocks(county)

    with time_machine.travel(now + datetime.timedelta(seconds=30)):  # within the fragment's timeout
        assert "低保对象公示" not in county_blocks(county)


def test_the_home_page_shows_the_cached_fragment(client, county):
    NewsPageFactory(parent=county.town_a.section("news"), title="新建的村卫生室投入使用")
    county_blocks(county)

    with building_pages():
        html = client.get(fresh(county.home).url).content.decode()

    assert "新建的村卫生室投入使用" in html
