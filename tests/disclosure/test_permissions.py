"""A unit's staff keep their own catalogue entries and 标准目录 items; the county decides the areas."""

from django.urls import reverse

from ..factories import NoticePageFactory
from ..helpers import login
from .factories import AppliedAreaFactory, StandardItemFactory


def refused(response):
    """Wagtail answers a refused admin view with 403 or by sending the user back to the dashboard."""
    return response.status_code == 403 or (response.status_code == 302 and response["Location"] == "/admin/")


def test_a_towns_editor_cannot_open_another_towns_item(client, county):
    item = StandardItemFactory(unit=county.town_b.unit)
    login(client, county.town_a.editor)
    response = client.get(reverse("wagtailsnippets_disclosure_standarditem:edit", args=[item.pk]))
    assert refused(response)


def test_a_towns_editor_can_open_their_own_item(client, county):
    item = StandardItemFactory(unit=county.town_a.unit)
    login(client, county.town_a.editor)
    response = client.get(reverse("wagtailsnippets_disclosure_standarditem:edit", args=[item.pk]))
    assert response.status_code == 200


def test_a_towns_list_shows_only_its_own_items(client, county):
    StandardItemFactory(unit=county.town_a.unit, title="青禾镇的低保名单")
    StandardItemFactory(unit=county.town_b.unit, title="石桥镇的低保名单")
    login(client, county.town_a.editor)
    html = client.get(reverse("wagtailsnippets_disclosure_standarditem:list")).content.decode()
    assert "石桥镇的低保名单" not in html


def test_a_towns_editor_cannot_apply_areas(client, county):
    area = AppliedAreaFactory(unit=county.town_a.unit)
    login(client, county.town_a.editor)
    response = client.get(reverse("wagtailsnippets_disclosure_appliedarea:edit", args=[area.pk]))
    assert refused(response)


def test_county_staff_may_apply_areas(client, county):
    area = AppliedAreaFactory(unit=county.town_a.unit)
    login(client, county.county.head)
    response = client.get(reverse("wagtailsnippets_disclosure_appliedarea:edit", args=[area.pk]))
    assert response.status_code == 200


def test_a_towns_editor_cannot_edit_another_towns_catalogue_entry(client, county):
    notice = NoticePageFactory(parent=county.town_b.section("notice"))
    login(client, county.town_a.editor)
    url = reverse("wagtailsnippets_disclosure_catalogueentry:edit", args=[notice.catalogue_entry.pk])
    assert refused(client.get(url))


def test_nobody_adds_catalogue_entries_by_hand(client, county):
    login(client, county.county.head)
    assert refused(client.get(reverse("wagtailsnippets_disclosure_catalogueentry:add")))


def test_the_coverage_report_shows_a_towns_overdue_item(client, county):
    StandardItemFactory(unit=county.town_a.unit, title="青禾镇2025年第一批低保名单")
    login(client, county.town_a.editor)
    html = client.get(reverse("disclosure_coverage")).content.decode()
    assert "青禾镇2025年第一批低保名单" in html


def test_an_item_in_an_area_not_applied_is_refused_with_a_chinese_error(client, county):
    AppliedAreaFactory(unit=county.town_a.unit, area="assistance")
    login(client, county.town_a.editor)
    response = client.post(
        reverse("wagtailsnippets_disclosure_standarditem:add"),
        {
            "unit": county.town_a.unit.pk,
            "area": "housing",
            "title": "保障性住房分配结果",
            "content": "姓名（部分隐去）、房号",
            "basis": "《公共租赁住房管理办法》",
            "owner": "镇建设办",
            "channel": "县政府网站",
            "time_limit": "20个工作日内",
            "formed_on": "2026-03-02",
            "publications-TOTAL_FORMS": "0",
            "publications-INITIAL_FORMS": "0",
            "publications-MIN_NUM_FORMS": "0",
            "publications-MAX_NUM_FORMS": "1000",
        },
    )
    html = response.content.decode()
    assert "没有为本单位选定" in html and "保障性住房分配结果" in html
