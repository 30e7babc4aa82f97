"""The header's county and town links are cached, and refreshed whenever a page goes live or away."""

import re

import pytest

from townsquare.publishing.chrome import county_home, town_homes_for_switcher
from townsquare.publishing.models import UnitHomePage
from townsquare.units.models import Unit

from ..factories import UnitFactory
from ..helpers import fresh

pytestmark = pytest.mark.django_db


def switcher_names(client, url="/"):
    html = client.get(url).content.decode()
    nav = re.search(r'<nav[^>]*aria-label="切换镇街".*?</nav>', html, re.S)
    assert nav, "no town switcher"
    return re.findall(r"<a [^>]*>([^<]+)</a>", nav.group(0))


def test_the_switcher_lists_the_towns_in_their_order(client, county):
    assert switcher_names(client) == ["青禾镇", "石桥镇"]


def test_the_header_knows_the_county_home(county):
    home = county_home()

    assert home["url"] == "/"
    assert home["unit"] == "示范县人民政府"
    assert home["phone"] == "0000-6660000"


def test_cached_header_data_costs_no_query(county, django_assert_num_queries):
    town_homes_for_switcher()

    with django_assert_num_queries(0):
        assert [town["name"] for town in town_homes_for_switcher()] == ["青禾镇", "石桥镇"]
        assert county_home()["url"] == "/"


def test_a_new_town_appears_in_the_switcher_at_once(client, county):
    assert "白沙镇" not in switcher_names(client)  # the header data is now cached

    unit = UnitFactory(name="白沙镇", short_name="白沙镇", kind=Unit.Kind.TOWN, sort_order=15)
    home = UnitHomePage(title="网上的白沙镇", slug="baisha", unit=unit)
    county.home.add_child(instance=home)
    home.save_revision().publish()

    assert switcher_names(client) == ["青禾镇", "白沙镇", "石桥镇"]


def test_an_unpublished_town_leaves_the_switcher_at_once(client, county):
    assert "石桥镇" in switcher_names(client)

    fresh(county.town_b.home).unpublish()

    assert switcher_names(client) == ["青禾镇"]


def test_departments_are_not_in_the_town_switcher(client, county):
    unit = UnitFactory(name="示范县民政局", short_name="民政局", kind=Unit.Kind.DEPARTMENT)
    home = UnitHomePage(title="网上的民政局", slug="minzheng", unit=unit)
    county.home.add_child(instance=home)
    home.save_revision().publish()

    assert "民政局" not in switcher_names(client)
