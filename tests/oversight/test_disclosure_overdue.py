"""监管 counts 标准目录 items not published within 20 working days, and shows each unit's coverage."""

import datetime

from django.urls import reverse

from townsquare.oversight.rules import check

from ..disclosure.factories import StandardItemFactory
from ..helpers import login


def test_an_overdue_catalogue_item_is_a_finding_of_its_unit(county):
    StandardItemFactory(unit=county.town_a.unit, formed_on=datetime.date(2025, 1, 6))
    codes = [finding.code for finding in check(county.town_a.unit).findings]
    assert "disclosure_overdue" in codes


def test_another_units_overdue_item_is_not_counted(county):
    StandardItemFactory(unit=county.town_b.unit, formed_on=datetime.date(2025, 1, 6))
    codes = [finding.code for finding in check(county.town_a.unit).findings]
    assert "disclosure_overdue" not in codes


def test_the_dashboard_shows_the_overdue_item(client, county):
    StandardItemFactory(unit=county.town_a.unit, title="青禾镇危房改造对象名单", formed_on=datetime.date(2025, 1, 6))
    login(client, county.county.head)
    html = client.get(reverse("oversight_dashboard")).content.decode()
    assert "青禾镇危房改造对象名单" in html
