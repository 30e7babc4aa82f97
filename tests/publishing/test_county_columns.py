"""The county's own columns (通知公告, 公示公告, 政务动态, ...) list the whole county's items of their kind.

A town's or department's notice reached from the county home's "全部通知" is in the county's 通知公告;
a filter by unit narrows the list; a unit's own column still lists only its own items.
"""

import pytest

from ..factories import NewsPageFactory, NoticePageFactory, PublicityPageFactory

pytestmark = pytest.mark.django_db


def listed_titles(response):
    return [item.title for item in response.context["page_obj"]]


def test_county_notice_column_lists_a_towns_notice(client, county):
    NoticePageFactory(parent=county.county.section("notice"), title="县里的通知")
    NoticePageFactory(parent=county.town_a.section("notice"), title="青禾镇东街明天停水")

    response = client.get(county.county.section("notice").url)

    assert "青禾镇东街明天停水" in listed_titles(response)


def test_county_column_counts_everything_it_lists(client, county):
    for place in (county.county, county.town_a, county.town_b):
        PublicityPageFactory(parent=place.section("publicity"))

    response = client.get(county.county.section("publicity").url)

    assert response.context["page_obj"].paginator.count == 3


def test_county_column_shows_each_items_unit(client, county):
    NewsPageFactory(parent=county.town_b.section("news"), title="石桥镇修好了村道")

    html = client.get(county.county.section("news").url).content.decode()

    assert "石桥镇" in html.split("石桥镇修好了村道", 1)[1].split("</article>", 1)[0]


def test_unit_filter_narrows_the_county_column_to_that_unit(client, county):
    NoticePageFactory(parent=county.county.section("notice"), title="县里的通知")
    NoticePageFactory(parent=county.town_a.section("notice"), title="青禾镇的通知")
    NoticePageFactory(parent=county.town_b.section("notice"), title="石桥镇的通知")

    response = client.get(county.county.section("notice").url, {"unit": county.town_a.unit.slug})

    assert listed_titles(response) == ["青禾镇的通知"]


def test_unit_filter_for_the_county_lists_the_countys_own_items(client, county):
    NoticePageFactory(parent=county.county.section("notice"), title="县里的通知")
    NoticePageFactory(parent=county.town_a.section("notice"), title="青禾镇的通知")

    response = client.get(county.county.section("notice").url, {"unit": county.county.unit.slug})

    assert listed_titles(response) == ["县里的通知"]


def test_unit_filter_offers_only_units_with_items(client, county):
    NoticePageFactory(parent=county.county.section("notice"))
    NoticePageFactory(parent=county.town_b.section("notice"))

    response = client.get(county.county.section("notice").url)

    offered = [unit.slug for _, units in response.context["unit_choices"] for unit in units]
    assert offered == [county.county.unit.slug, county.town_b.unit.slug]


def test_unit_filter_works_without_javascript(client, county):
    NoticePageFactory(parent=county.county.section("notice"))
    NoticePageFactory(parent=county.town_a.section("notice"))

    html = client.get(county.county.section("notice").url).content.decode()

    form = html.split('<form class="liuyan-filters unit-filter"', 1)[1].split("</form>", 1)[0]
    assert 'method="get"' in form and '<select name="unit"' in form and 'type="submit"' in form


def test_towns_own_column_lists_only_its_items(client, county):
    NoticePageFactory(parent=county.county.section("notice"), title="县里的通知")
    NoticePageFactory(parent=county.town_a.section("notice"), title="青禾镇的通知")
    NoticePageFactory(parent=county.town_b.section("notice"), title="石桥镇的通知")

    response = client.get(county.town_a.section("notice").url)

    assert listed_titles(response) == ["青禾镇的通知"]
