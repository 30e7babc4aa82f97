"""Every page type renders for the public with what a reader checks first."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
import time_machine

from townsquare.publishing.models import PolicyPage

from ..factories import (
    InterpretationPageFactory,
    NewsPageFactory,
    NoticePageFactory,
    PolicyPageFactory,
    PublicityPageFactory,
    TopicPageFactory,
)
from ..helpers import fresh

SHANGHAI = ZoneInfo("Asia/Shanghai")
PUBLISHED = datetime.datetime(2026, 6, 1, 9, 5, tzinfo=SHANGHAI)


def html_of(client, page_or_url):
    url = page_or_url if isinstance(page_or_url, str) else page_or_url.url
    response = client.get(url)
    assert response.status_code == 200, f"{url}: {response.status_code}"
    return response.content.decode()


def h1(html):
    match = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)
    assert match, "the page has no <h1>"
    return re.sub(r"<[^>]+>", "", match.group(1)).strip()


@pytest.fixture
def policy(county):
    with time_machine.travel(PUBLISHED, tick=False):
        return PolicyPageFactory(
            parent=county.county.section("policy"),
            title="示范县农村道路养护办法",
            document_number="示政办发〔2026〕12号",
            issuing_authority="示范县人民政府办公室",
            written_on=datetime.date(2026, 5, 20),
            published_on=datetime.date(2026, 5, 28),
        )


# --- Home pages and columns --------------------------------------------------------------


def test_county_home_shows_its_title_life_services_and_the_town_switcher(client, county):
    html = html_of(client, county.home)

    assert h1(html) == "示范县人民政府"
    assert 'aria-label="生活服务"' in html
    assert 'aria-label="切换镇街"' in html
    assert "青禾镇" in html
    assert county.town_a.home.url in html and county.town_b.home.url in html


def test_a_town_home_shows_its_title_contacts_and_own_news(client, county, town_a, town_b):
    NewsPageFactory(parent=town_a.section("news"), title="青禾镇的新闻")
    NewsPageFactory(parent=town_b.section("news"), title="石桥镇的新闻")

    html = html_of(client, town_a.home)

    assert h1(html) == "网上的青禾镇"
    assert town_a.unit.phone in html
    assert "青禾镇的新闻" in html
    assert "石桥镇的新闻" not in html


def test_the_county_home_gathers_news_from_every_unit(client, county, town_a, town_b):
    NewsPageFactory(parent=town_a.section("news"), title="青禾镇的新闻")
    NewsPageFactory(parent=town_b.section("news"), title="石桥镇的新闻")

    html = html_of(client, county.home)

    assert "青禾镇的新闻" in html and "石桥镇的新闻" in html


def test_a_section_lists_its_pages_newest_first(client, town_a):
    section = town_a.section("news")
    with time_machine.travel(PUBLISHED, tick=False):
        NewsPageFactory(parent=section, title="较早的新闻")
    with time_machine.travel(PUBLISHED + datetime.timedelta(days=1), tick=False):
        NewsPageFactory(parent=section, title="较新的新闻")

    html = html_of(client, section)

    assert h1(html) == "镇村动态"
    assert html.index("较新的新闻") < html.index("较早的新闻")


def test_a_section_pages_its_list(client, town_a):
    section = town_a.section("notice")
    for number in range(17):
        NoticePageFactory(parent=section, title=f"第{number:02d}号通知")

    first, second = html_of(client, section), html_of(client, section.url + "?page=2")

    assert "第16号通知" in first and "第02号通知" in first and "第01号通知" not in first
    assert "第01号通知" in second and "第00号通知" in second and "第16号通知" not in second


def test_the_policy_column_filters_by_validity(client, county, policy):
    section = county.county.section("policy")
    PolicyPageFactory(parent=section, title="已废止的旧办法", validity=PolicyPage.Validity.REPEALED)

    valid_only = html_of(client, section.url + "?validity=valid")
    repealed_only = html_of(client, section.url + "?validity=repealed")
    everything = html_of(client, section.url + "?validity=nonsense")

    assert "示范县农村道路养护办法" in valid_only and "已废止的旧办法" not in valid_only
    assert "已废止的旧办法" in repealed_only and "示范县农村道路养护办法" not in repealed_only
    assert "示范县农村道路养护办法" in everything and "已废止的旧办法" in everything


# --- Publications --------------------------------------------------------------------------


def test_a_news_page_shows_title_unit_summary_and_time_to_the_minute(client, town_a):
    with time_machine.travel(PUBLISHED, tick=False):
        page = NewsPageFactory(parent=town_a.section("news"), title="青禾镇举办农技培训", summary="两百多位农户参加。")

    html = html_of(client, page)

    assert h1(html) == "青禾镇举办农技培训"
    assert "青禾镇" in html
    assert "摘要" in html and "两百多位农户参加。" in html
    assert "2026-06-01 09:05" in html
    assert page.unit == town_a.unit


def test_a_repost_names_its_source(client, town_a):
    page = NewsPageFactory(
        parent=town_a.section("news"), origin="repost", source_name="示范日报", source_url="https://example.gov.cn/a"
    )

    html = html_of(client, page)

    assert "示范日报" in html
    assert "https://example.gov.cn/a" in html


def test_a_notice_shows_who_it_is_for_and_until_when(client, town_a):
    page = NoticePageFactory(
        parent=town_a.section("notice"),
        title="东街停水通知",
        applies_to="东街居民",
        valid_until=datetime.datetime(2026, 12, 31, 18, 0, tzinfo=SHANGHAI),
    )

    html = html_of(client, page)

    assert h1(html) == "东街停水通知"
    assert "东街居民" in html
    assert "2026-12-31 18:00" in html


def test_a_publicity_page_shows_its_period_and_whom_to_contact(client, town_a):
    page = PublicityPageFactory(
        parent=town_a.section("publicity"),
        title="低保对象公示",
        objection_contact="青禾镇民政办，电话 0000-7654321",
        period_starts=datetime.datetime(2026, 6, 1, 9, 0, tzinfo=SHANGHAI),
        period_ends=datetime.datetime(2026, 6, 7, 18, 0, tzinfo=SHANGHAI),
    )

    html = html_of(client, page)

    assert h1(html) == "低保对象公示"
    assert "2026-06-01 09:00" in html and "2026-06-07 18:00" in html
    assert "青禾镇民政办，电话 0000-7654321" in html


def test_a_policy_page_shows_its_document_number_facts_and_interpretations(client, county, policy):
    interpretation = InterpretationPageFactory(
        parent=county.county.section("interpretation"), policy=policy, title="一图读懂农村道路养护办法"
    )
    InterpretationPageFactory(
        parent=county.county.section("interpretation"), policy=policy, title="还没发布的解读", publish=False
    )

    html = html_of(client, policy)

    assert h1(html) == "示范县农村道路养护办法"
    assert "文号" in html and "示政办发〔2026〕12号" in html
    assert "示范县人民政府办公室" in html
    assert "2026-05-20" in html and "2026-05-28" in html
    assert "有效" in html
    assert "政策解读" in html
    assert "一图读懂农村道路养护办法" in html and interpretation.url in html
    assert "还没发布的解读" not in html


def test_an_interpretation_shows_the_key_facts_of_its_policy(client, county, policy):
    page = InterpretationPageFactory(
        parent=county.county.section("interpretation"), policy=policy, title="农村道路养护办法问答", form="qa"
    )

    html = html_of(client, page)

    assert h1(html) == "农村道路养护办法问答"
    assert "问答" in html
    assert "示范县农村道路养护办法" in html and policy.url in html
    assert "示政办发〔2026〕12号" in html
    assert "示范县人民政府办公室" in html
    assert "2026-05-28" in html


def test_a_repealed_policy_says_so_and_points_to_the_one_in_force(client, county, policy):
    old = PolicyPageFactory(
        parent=county.county.section("policy"),
        title="示范县农村道路养护暂行办法",
        document_number="示政办发〔2019〕3号",
        validity=PolicyPage.Validity.REPEALED,
        replaced_by=policy,
    )

    html = html_of(client, old)

    assert "已废止" in html
    assert f'href="{policy.url}"' in html
    assert "示范县农村道路养护办法" in html


def test_a_valid_policy_carries_no_repealed_warning(client, policy):
    html = html_of(client, policy)

    assert "已废止" not in html
    assert "本文件" not in html


def test_a_topic_lists_the_pages_it_gathers(client, county, town_a, policy):
    news = NewsPageFactory(parent=town_a.section("news"), title="青禾镇修好了三条村道")
    draft = NewsPageFactory(parent=town_a.section("news"), title="还在审核的稿子", publish=False)
    topic = TopicPageFactory(
        parent=county.county.section("topic"), title="乡村道路专题", pages=[(policy, "政策"), (news, "动态"), draft]
    )

    html = html_of(client, topic)

    assert h1(html) == "乡村道路专题"
    assert "示范县农村道路养护办法" in html and policy.url in html
    assert "青禾镇修好了三条村道" in html and news.url in html
    assert "还在审核的稿子" not in html
    assert html.index("示范县农村道路养护办法") < html.index("青禾镇修好了三条村道")


# --- What the public cannot see -----------------------------------------------------------


def test_a_draft_is_not_found_by_the_public(client, town_a):
    draft = NewsPageFactory(parent=town_a.section("news"), title="草稿", publish=False)

    assert client.get(draft.url).status_code == 404
    assert "草稿" not in html_of(client, town_a.section("news"))


def test_an_unpublished_page_is_not_found_and_leaves_the_lists(client, county, town_a):
    page = NewsPageFactory(parent=town_a.section("news"), title="撤下的新闻")
    assert client.get(page.url).status_code == 200

    fresh(page).unpublish()

    assert client.get(page.url).status_code == 404
    assert "撤下的新闻" not in html_of(client, town_a.section("news"))
    assert "撤下的新闻" not in html_of(client, county.home)
