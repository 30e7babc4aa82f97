"""The public section: its catalogue with filters, the metadata block on items, bounded queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail import hooks

from townsquare.disclosure.models import DisclosureApplicationPage

from ..factories import NewsPageFactory, NoticePageFactory, PolicyPageFactory, PublicityPageFactory
from ..helpers import building_pages, clear_caches
from .factories import DisclosureItemPageFactory, StandardItemFactory, section_of

MAX_SECTION_QUERIES = 28  # measured 26 for a town (SQLite, cold cache): catalogue, filters, 标准目录, other sections
MAX_ITEM_QUERIES = 23  # the notice page's own bound (22) plus the catalogue block


def queries_for(client, url):
    with building_pages():
        client.get(url)
        clear_caches()
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.fixture
def fill_town(county):
    def add(n):
        for _ in range(n):
            NoticePageFactory(parent=county.town_a.section("notice"))
            PublicityPageFactory(parent=county.town_a.section("publicity"))
            StandardItemFactory(unit=county.town_a.unit)

    return add


def test_the_town_section_costs_the_same_queries_with_30_items(client, county, fill_town):
    url = section_of(county.town_a).url
    fill_town(3)
    few = queries_for(client, url)
    fill_town(27)
    assert queries_for(client, url) == few <= MAX_SECTION_QUERIES


def test_a_deep_catalogue_page_is_bounded(client, county, fill_town):
    fill_town(40)
    assert queries_for(client, section_of(county.town_a).url + "?page=5") <= MAX_SECTION_QUERIES


def test_a_notice_page_with_its_catalogue_block_is_bounded(client, county):
    notice = NoticePageFactory(parent=county.town_a.section("notice"))
    assert queries_for(client, notice.url) <= MAX_ITEM_QUERIES


def test_the_catalogue_lists_a_notice_with_its_index_number(client, county):
    notice = NoticePageFactory(parent=county.town_a.section("notice"))
    html = client.get(section_of(county.town_a).url).content.decode()
    assert notice.catalogue_entry.index_number in html


def test_the_catalogue_filters_by_category(client, county):
    NoticePageFactory(parent=county.county.section("notice"), title="关于春节期间停水的通知")
    DisclosureItemPageFactory(parent=section_of(county.county), title="示范县2026年部门预算")
    html = client.get(section_of(county.county).url + "?category=budget").content.decode()
    assert "关于春节期间停水的通知" not in html


def test_an_unknown_filter_value_is_ignored(client, county):
    NoticePageFactory(parent=county.county.section("notice"), title="关于春节期间停水的通知")
    html = client.get(section_of(county.county).url + "?category=nonsense&year=abc").content.decode()
    assert "关于春节期间停水的通知" in html


def test_news_is_not_listed(client, county):
    NewsPageFactory(parent=county.county.section("news"), title="县里召开春耕动员会")
    html = client.get(section_of(county.county).url).content.decode()
    assert "县里召开春耕动员会" not in html


def test_an_item_page_shows_its_metadata_block(client, county):
    policy = PolicyPageFactory(parent=county.county.section("policy"))
    html = client.get(policy.url).content.decode()
    assert policy.catalogue_entry.index_number in html


def test_a_policy_page_shows_its_document_number_once(client, county):
    policy = PolicyPageFactory(parent=county.county.section("policy"), document_number="示民发〔2026〕7号")
    html = client.get(policy.url).content.decode()
    assert html.count("示民发〔2026〕7号") == 1


def test_a_notice_page_shows_the_whole_metadata_block(client, county):
    notice = NoticePageFactory(parent=county.county.section("notice"))
    html = client.get(notice.url).content.decode()
    assert all(label in html for label in ("索引号", "发布机构", "成文日期", "主题分类", "体裁", "文号", "有效性"))


def test_a_news_page_has_no_metadata_block(client, county):
    news = NewsPageFactory(parent=county.county.section("news"))
    assert "公开目录信息" not in client.get(news.url).content.decode()


def test_a_town_section_shows_its_standard_catalogue_items(client, county):
    StandardItemFactory(unit=county.town_a.unit, title="青禾镇临时救助对象名单")
    html = client.get(section_of(county.town_a).url).content.decode()
    assert "青禾镇临时救助对象名单" in html


def test_the_application_page_shows_the_links_an_app_registers(client, county):
    page = DisclosureApplicationPage.objects.child_of(section_of(county.town_a)).get()

    def links(unit):
        return [(f"向{unit.display_name}提出申请", "/gongkai/shenqing/")]

    with hooks.register_temporarily("townsquare_disclosure_application", links), building_pages():
        html = client.get(page.url).content.decode()
    assert f"向{county.town_a.unit.display_name}提出申请" in html


def test_the_sections_own_items_are_not_listed_among_its_parts(client, county):
    DisclosureItemPageFactory(parent=section_of(county.county), title="示范县2026年部门预算")
    html = client.get(section_of(county.county).url).content.decode()
    parts = html.split('aria-label="政府信息公开栏目"')[1].split("</nav>")[0]
    assert "示范县2026年部门预算" not in parts
