"""公示 is open during its period, then ended: it leaves the current lists but stays on record."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from townsquare.publishing.models import NoticePage, PublicityPage

from ..factories import NoticePageFactory, PublicityPageFactory

SHANGHAI = ZoneInfo("Asia/Shanghai")

# Even an unsaved Wagtail page looks up its content type when it is created.
pytestmark = pytest.mark.django_db


def at(*args):
    return datetime.datetime(*args, tzinfo=SHANGHAI)


# Opens Monday 1 June 2026 09:00, closes Sunday 7 June 2026 18:00 (Beijing time).
STARTS = at(2026, 6, 1, 9, 0)
ENDS = at(2026, 6, 7, 18, 0)


@pytest.fixture
def publicity(town_a):
    with time_machine.travel(at(2026, 6, 1, 9, 30), tick=False):
        return PublicityPageFactory(
            parent=town_a.section("publicity"), title="青禾镇2026年低保对象公示", period_starts=STARTS, period_ends=ENDS
        )


def text(response):
    assert response.status_code == 200, response.status_code
    return response.content.decode()


# --- The model ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "moment, status, label, days_left",
    [
        (at(2026, 5, 31, 23, 0), PublicityPage.Status.UPCOMING, "未开始", 8),
        (at(2026, 6, 1, 9, 0), PublicityPage.Status.OPEN, "公示中", 7),
        (at(2026, 6, 3, 10, 0), PublicityPage.Status.OPEN, "公示中", 5),
        (at(2026, 6, 7, 8, 0), PublicityPage.Status.OPEN, "公示中", 1),
        (at(2026, 6, 7, 18, 0), PublicityPage.Status.OPEN, "公示中", 1),
        (at(2026, 6, 7, 18, 1), PublicityPage.Status.ENDED, "已结束", 0),
        (at(2026, 7, 1, 0, 0), PublicityPage.Status.ENDED, "已结束", 0),
    ],
)
def test_status_and_days_left_follow_the_clock(moment, status, label, days_left):
    page = PublicityPage(title="公示", period_starts=STARTS, period_ends=ENDS)

    with time_machine.travel(moment, tick=False):
        assert page.status() == status
        assert page.status_label() == label
        assert page.days_left() == days_left


def test_days_are_counted_in_beijing_time():
    # 23:30 UTC on 2 June is already 3 June in Beijing: 5 days left (3, 4, 5, 6, 7 June), not 6.
    page = PublicityPage(title="公示", period_starts=STARTS, period_ends=ENDS)

    with time_machine.travel(datetime.datetime(2026, 6, 2, 23, 30, tzinfo=datetime.UTC), tick=False):
        assert page.days_left() == 5


def test_open_publicity_is_current_and_ended_is_not(publicity):
    with time_machine.travel(at(2026, 6, 3, 10, 0), tick=False):
        assert list(PublicityPage.current()) == [publicity]

    with time_machine.travel(at(2026, 6, 8, 9, 0), tick=False):
        assert list(PublicityPage.current()) == []

    with time_machine.travel(at(2026, 5, 30, 9, 0), tick=False):
        assert list(PublicityPage.current()) == [], "a publicity that has not started is not current"


def test_current_publicity_lists_the_soonest_to_close_first(town_a, publicity):
    with time_machine.travel(at(2026, 6, 2, 9, 0), tick=False):
        closing_soon = PublicityPageFactory(
            parent=town_a.section("publicity"), period_starts=at(2026, 6, 2, 8, 0), period_ends=at(2026, 6, 4, 18, 0)
        )
        assert list(PublicityPage.current()) == [closing_soon, publicity]


def test_unpublished_publicity_is_never_current(publicity):
    publicity.unpublish()

    with time_machine.travel(at(2026, 6, 3, 10, 0), tick=False):
        assert list(PublicityPage.current()) == []


# --- What residents see ----------------------------------------------------------------


def test_during_its_period_the_page_says_open_with_days_left(client, publicity):
    with time_machine.travel(at(2026, 6, 3, 10, 0), tick=False):
        html = text(client.get(publicity.url))

    assert "青禾镇2026年低保对象公示" in html
    assert "公示中" in html
    assert "还剩5天" in html
    assert "已结束" not in html
    assert "2026-06-07 18:00" in html


def test_during_its_period_it_is_on_the_county_and_town_home_pages(client, county, publicity):
    with time_machine.travel(at(2026, 6, 3, 10, 0), tick=False):
        county_home = text(client.get(county.home.url))
        town_home = text(client.get(county.town_a.home.url))

    for html in (county_home, town_home):
        assert "青禾镇2026年低保对象公示" in html
        assert "还剩5天" in html


def test_another_towns_home_page_does_not_list_it(client, county, publicity):
    with time_machine.travel(at(2026, 6, 3, 10, 0), tick=False):
        html = text(client.get(county.town_b.home.url))

    assert "青禾镇2026年低保对象公示" not in html


def test_after_its_period_it_says_ended_and_leaves_the_home_pages(client, county, publicity):
    with time_machine.travel(at(2026, 6, 8, 9, 0), tick=False):
        page_html = text(client.get(publicity.url))
        county_home = text(client.get(county.home.url))
        town_home = text(client.get(county.town_a.home.url))

    assert "青禾镇2026年低保对象公示" in page_html, "an ended publicity stays readable on its own address"
    assert "已结束" in page_html
    assert "还剩" not in page_html
    assert "青禾镇2026年低保对象公示" not in county_home
    assert "青禾镇2026年低保对象公示" not in town_home


def test_the_section_lists_all_publicity_and_filters_the_open_ones(client, town_a, publicity):
    section = town_a.section("publicity")
    with time_machine.travel(at(2026, 6, 8, 9, 0), tick=False):
        open_one = PublicityPageFactory(
            parent=section,
            title="青禾镇道路硬化工程公示",
            period_starts=at(2026, 6, 8, 8, 0),
            period_ends=at(2026, 6, 15, 18, 0),
        )
        everything = text(client.get(section.url))
        current = text(client.get(section.url + "?show=current"))

    assert "青禾镇2026年低保对象公示" in everything
    assert "青禾镇道路硬化工程公示" in everything
    assert "已结束" in everything
    assert "青禾镇道路硬化工程公示" in current
    assert "青禾镇2026年低保对象公示" not in current
    assert open_one.live


def test_the_open_filter_says_so_when_nothing_is_open(client, town_a, publicity):
    with time_machine.travel(at(2026, 6, 8, 9, 0), tick=False):
        html = text(client.get(town_a.section("publicity").url + "?show=current"))

    assert "青禾镇2026年低保对象公示" not in html
    assert "没有正在公示" in html


# --- Notices in effect ---------------------------------------------------------------------


def test_a_notice_is_current_until_its_valid_until(town_a):
    with time_machine.travel(at(2026, 6, 1, 9, 0), tick=False):
        lasting = NoticePageFactory(parent=town_a.section("notice"), title="长期有效的通知")
        expiring = NoticePageFactory(
            parent=town_a.section("notice"), title="6月5日停水通知", valid_until=at(2026, 6, 5, 18, 0)
        )
        assert set(NoticePage.current()) == {lasting, expiring}

    with time_machine.travel(at(2026, 6, 5, 18, 0), tick=False):
        assert set(NoticePage.current()) == {lasting, expiring}
        assert expiring.is_in_effect()

    with time_machine.travel(at(2026, 6, 5, 18, 1), tick=False):
        assert list(NoticePage.current()) == [lasting]
        assert not expiring.is_in_effect()
        assert lasting.is_in_effect()


def test_an_expired_notice_leaves_the_home_page_but_stays_readable(client, county, town_a):
    with time_machine.travel(at(2026, 6, 1, 9, 0), tick=False):
        notice = NoticePageFactory(
            parent=town_a.section("notice"), title="6月5日停水通知", valid_until=at(2026, 6, 5, 18, 0)
        )
        assert "6月5日停水通知" in text(client.get(county.home.url))

    with time_machine.travel(at(2026, 6, 6, 9, 0), tick=False):
        assert "6月5日停水通知" not in text(client.get(county.home.url))
        page_html = text(client.get(notice.url))
        assert "6月5日停水通知" in page_html
        assert "已过有效期" in page_html
        assert "6月5日停水通知" in text(client.get(town_a.section("notice").url))
