"""The annual report's figures: counted within the year (Beijing time), live items only, traceable to their items."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageLogEntry

from tests.factories import (
    InterpretationPageFactory,
    NewsPageFactory,
    NoticePageFactory,
    PolicyPageFactory,
    PublicityPageFactory,
    TopicPageFactory,
)
from tests.services.factories import ServiceGuideFactory, index_of
from townsquare.appointments.models import Booking
from townsquare.oversight.annual.figures import FILL_IN
from townsquare.oversight.annual.report import build_annual_report, default_year
from townsquare.publishing.models import InterpretationPage
from townsquare.resident_requests.models import Status

from .annual_factories import YEAR, bookable_service, booking, channel, dated, local, resident_request

pytestmark = pytest.mark.django_db


def figure(key, unit=None, year=YEAR):
    return build_annual_report(year, unit).figure(key)


def traced_titles(fig):
    return sorted(item.title for item in fig.items())


# --- 信息发布 ---------------------------------------------------------------------------------------


def test_news_counts_pages_first_published_within_the_year_in_beijing_time(county):
    news = county.county.section("news")
    inside = dated(NewsPageFactory(parent=news, title="年内动态"), local(YEAR, 6, 1))
    # 1 January 00:30 in Beijing is still 31 December in UTC: it belongs to the new year.
    first_minute = dated(NewsPageFactory(parent=news, title="元旦凌晨动态"), local(YEAR, 1, 1, 0, 30))
    dated(NewsPageFactory(parent=news, title="上一年动态"), local(YEAR - 1, 12, 31, 23, 50))
    dated(NewsPageFactory(parent=news, title="下一年动态"), local(YEAR + 1, 1, 1, 0, 10))

    fig = figure("info_news")

    assert fig.value == 2
    assert traced_titles(fig) == sorted([inside.title, first_minute.title])


def test_drafts_and_unpublished_pages_are_not_counted(county):
    news = county.county.section("news")
    dated(NewsPageFactory(parent=news, title="草稿", publish=False), local(YEAR, 3, 1))
    withdrawn = dated(NewsPageFactory(parent=news, title="已撤下"), local(YEAR, 3, 2))
    withdrawn.unpublish()
    kept = dated(NewsPageFactory(parent=news, title="在线"), local(YEAR, 3, 3))

    fig = figure("info_news")

    assert fig.value == 1
    assert traced_titles(fig) == [kept.title]


def test_notices_and_publicity_count_as_government_news_policies_as_the_catalogue(county):
    place = county.county
    dated(NoticePageFactory(parent=place.section("notice")), local(YEAR, 4, 1))
    dated(PublicityPageFactory(parent=place.section("publicity")), local(YEAR, 4, 2))
    policy = dated(PolicyPageFactory(parent=place.section("policy")), local(YEAR, 4, 3))
    dated(PolicyPageFactory(parent=place.section("policy")), local(YEAR - 1, 4, 3))

    report = build_annual_report(YEAR)

    assert report.figure("info_news").value == 2
    assert report.figure("info_catalogue").value == 1
    assert traced_titles(report.figure("info_catalogue")) == [policy.title]


def test_overview_counts_home_page_updates_within_the_year(county):
    home = county.town_a.home
    home.save_revision().publish()
    PageLogEntry.objects.filter(page=home, action="wagtail.publish").update(timestamp=local(YEAR, 5, 5))

    fig = figure("info_overview")

    assert fig.value == PageLogEntry.objects.filter(page=home, action="wagtail.publish").count() >= 1
    assert {item.date.date() for item in fig.items()} == {date(YEAR, 5, 5)}
    assert len(fig.items()) == fig.value


def test_total_is_overview_news_catalogue_and_interpretations(county):
    place = county.county
    dated(NewsPageFactory(parent=place.section("news")), local(YEAR, 2, 1))
    policy = dated(PolicyPageFactory(parent=place.section("policy")), local(YEAR, 2, 2))
    dated(InterpretationPageFactory(parent=place.section("interpretation"), policy=policy), local(YEAR, 2, 3))

    report = build_annual_report(YEAR)
    parts = ("info_overview", "info_news", "info_catalogue", "interp_total")

    assert report.figure("info_total").value == sum(report.figure(key).value for key in parts) == 3
    assert len(report.figure("info_total").items()) == 3


# --- 专栏专题, 解读回应 ------------------------------------------------------------------------------


def test_topics_maintained_include_older_ones_and_new_only_this_year(county):
    topics = county.county.section("topic")
    older = dated(TopicPageFactory(parent=topics, title="老专题"), local(YEAR - 1, 5, 1))
    new = dated(TopicPageFactory(parent=topics, title="新专题"), local(YEAR, 5, 1))
    dated(TopicPageFactory(parent=topics, title="明年专题"), local(YEAR + 1, 2, 1))

    report = build_annual_report(YEAR)

    assert report.figure("topics_maintained").value == 2
    assert traced_titles(report.figure("topics_maintained")) == sorted([older.title, new.title])
    assert report.figure("topics_new").value == 1
    assert traced_titles(report.figure("topics_new")) == [new.title]


def test_interpretations_are_split_by_form(county):
    place = county.county
    policy = dated(PolicyPageFactory(parent=place.section("policy")), local(YEAR, 1, 10))
    section = place.section("interpretation")
    Form = InterpretationPage.Form
    for form, count in ((Form.TEXT, 1), (Form.GRAPHIC, 2), (Form.QA, 3)):
        for _ in range(count):
            dated(InterpretationPageFactory(parent=section, policy=policy, form=form), local(YEAR, 2, 1))
    dated(InterpretationPageFactory(parent=section, policy=policy, form=Form.QA), local(YEAR - 1, 2, 1))

    report = build_annual_report(YEAR)

    assert report.figure("interp_total").value == 6
    assert report.figure("interp_material").value == 1
    assert report.figure("interp_graphic").value == 2
    assert report.figure("interp_qa").value == 3
    assert report.figure("interp_product").value == 5
    assert len(report.figure("interp_product").items()) == 5
    assert report.figure("interp_media").display == FILL_IN
    assert report.figure("hotspot_responses").display == FILL_IN


# --- 办事服务 ------------------------------------------------------------------------------------


def test_service_items_online_ones_and_cases(county):
    place = county.town_a
    index = index_of(place.home)
    online = dated(ServiceGuideFactory(parent=index, online_url="https://zwfw.example.gov.cn/1"), local(YEAR - 1, 3, 1))
    offline = dated(ServiceGuideFactory(parent=index), local(YEAR, 3, 1))
    dated(ServiceGuideFactory(parent=index), local(YEAR + 1, 3, 1))
    ServiceGuideFactory(parent=index, publish=False)
    service = bookable_service(offline, place.unit)
    booking(service, date(YEAR, 6, 2))
    booking(service, date(YEAR, 12, 31))
    booking(service, date(YEAR, 6, 3), status=Booking.Status.CANCELLED)
    booking(service, date(YEAR, 6, 4), status=Booking.Status.NO_SHOW)
    booking(service, date(YEAR + 1, 1, 1))

    report = build_annual_report(YEAR)

    assert report.figure("service_catalogue").value == "是"
    assert report.figure("service_items").value == 2
    assert traced_titles(report.figure("service_items")) == sorted([online.title, offline.title])
    assert report.figure("service_online").value == 1
    assert traced_titles(report.figure("service_online")) == [online.title]
    cases = report.figure("service_cases")
    assert cases.value == "0.0002"  # 2 cases in 万件
    assert len(cases.items()) == 2
    assert "13" not in " ".join(item.title + item.note for item in cases.items())  # no phone numbers


# --- 互动交流 ------------------------------------------------------------------------------------


def test_requests_received_answered_average_days_and_public_replies(county):
    unit = county.town_a.unit
    resident_request(unit, local(YEAR, 3, 1), answered=timedelta(days=2))
    resident_request(unit, local(YEAR, 3, 2), answered=timedelta(days=5), is_public=False)
    resident_request(unit, local(YEAR, 12, 31, 23, 0))  # still open
    resident_request(unit, local(YEAR, 4, 1), status=Status.MERGED)
    resident_request(unit, local(YEAR - 1, 12, 31, 23, 0), answered=timedelta(days=1))

    report = build_annual_report(YEAR)

    assert report.figure("msg_received").value == 3
    assert len(report.figure("msg_received").items()) == 3
    assert report.figure("msg_answered").value == 2
    assert report.figure("msg_average_days").value == 3.5
    assert report.figure("msg_public").value == 1
    assert len(report.figure("msg_public").items()) == 1
    traced = " ".join(item.title + item.note for item in report.figure("msg_received").items())
    assert "13900001111" not in traced and "李四" not in traced


def test_average_time_is_empty_without_answers(county):
    resident_request(county.town_a.unit, local(YEAR, 3, 1))

    assert figure("msg_average_days").value is None
    assert figure("msg_average_days").display == "—"


# --- 移动新媒体 ----------------------------------------------------------------------------------


def test_new_media_lists_external_channels_open_during_the_year(county):
    unit = county.town_a.unit
    channel(unit, "wechat", "青禾发布")
    channel(unit, "weibo", "青禾微博")
    channel(unit, "douyin", "青禾抖音")
    channel(unit, "wechat", "早已注销的号", opened_on=date(2018, 1, 1), closed_on=date(YEAR - 1, 6, 1), status="closed")
    channel(unit, "wechat", "明年才开的号", opened_on=date(YEAR + 1, 2, 1))
    channel(unit, "platform", "镇村动态栏目")

    report = build_annual_report(YEAR)

    assert report.figure("media_any").value == "是"
    assert len(report.figure("media_any").items()) == 3
    assert report.figure("media_wechat_names").value == "青禾发布"
    assert report.figure("media_weibo_names").value == "青禾微博"
    assert report.figure("media_other_names").value == "青禾抖音"
    assert report.figure("media_wechat_followers").display == FILL_IN


def test_no_channels_means_no_new_media(county):
    assert figure("media_any").value == "否"
    assert figure("media_weibo_names").value == "无"


# --- Scope, settings, order, cost -----------------------------------------------------------


def test_a_unit_report_counts_only_that_unit(county):
    dated(NewsPageFactory(parent=county.town_a.section("news")), local(YEAR, 7, 1))
    dated(NewsPageFactory(parent=county.town_b.section("news")), local(YEAR, 7, 1))
    resident_request(county.town_b.unit, local(YEAR, 7, 2))

    town_a = build_annual_report(YEAR, county.town_a.unit)

    assert town_a.figure("info_news").value == 1
    assert town_a.figure("msg_received").value == 0
    assert town_a.figure("site_sponsor").value == county.town_a.unit.name
    assert build_annual_report(YEAR).figure("info_news").value == 2


def test_facts_come_from_settings_or_are_marked_to_fill_in(county, settings):
    settings.SITE_ICP_NUMBER = "示ICP备00000000号"
    settings.ANNUAL_REPORT_FACTS = {str(YEAR): {"visitors": 52300, "security_checks": 4}}

    report = build_annual_report(YEAR)

    assert report.figure("site_icp").display == "示ICP备00000000号"
    assert report.figure("visitors").display == "52300"
    assert report.figure("security_checks").display == "4"
    assert report.figure("page_views").display == FILL_IN
    assert report.figure("site_sponsor").display == "示范县人民政府"
    assert build_annual_report(YEAR + 1).figure("visitors").display == FILL_IN
    assert (
        build_annual_report(YEAR, county.town_a.unit).figure("visitors").display == FILL_IN
    )  # the site's, not the town's


def test_rows_follow_the_official_order(county):
    headings = [row.labels[0] for row in build_annual_report(YEAR).rows]
    groups = list(dict.fromkeys(headings))

    assert groups[:3] == ["网站名称", "首页网址", "主办单位"]
    assert [
        g for g in groups if g in ("信息发布", "专栏专题", "解读回应", "办事服务", "互动交流", "安全防护", "移动新媒体")
    ] == [
        "信息发布",
        "专栏专题",
        "解读回应",
        "办事服务",
        "互动交流",
        "安全防护",
        "移动新媒体",
    ]
    assert groups[-1] == "创新发展"


def _queries_for_report():
    with CaptureQueriesContext(connection) as queries:
        build_annual_report(YEAR)
    return len(queries)


def test_query_count_does_not_grow_with_the_data(county):
    news = county.county.section("news")
    dated(NewsPageFactory(parent=news), local(YEAR, 1, 5))
    resident_request(county.town_a.unit, local(YEAR, 1, 5), answered=timedelta(days=1))
    few = _queries_for_report()
    for day in range(6, 12):
        dated(NewsPageFactory(parent=news), local(YEAR, 1, day))
        resident_request(county.town_a.unit, local(YEAR, 1, day), answered=timedelta(days=1))
        channel(county.town_a.unit, "wechat", f"公众号{day}")

    assert _queries_for_report() == few
    assert few < 60


def test_default_year_is_last_year_unless_this_year_already_holds_more(county):
    news = county.county.section("news")
    now = local(YEAR + 1, 3, 1)
    assert default_year(now) == YEAR + 1  # nothing published last year
    dated(NewsPageFactory(parent=news), local(YEAR, 5, 1))
    assert default_year(now) == YEAR
    for day in (1, 2):
        dated(NewsPageFactory(parent=news), local(YEAR + 1, 2, day))
    assert default_year(now) == YEAR + 1  # a platform that started late last year: its data is this year
