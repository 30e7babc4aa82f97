"""Filters narrow each list to what they name: type, town, dates, and the weather of one town."""

import pytest
from django.utils import timezone

from .conftest import fill, get_json, walk

pytestmark = pytest.mark.django_db


@pytest.fixture
def many(county):
    return fill(county, pages_per_type=2)


def test_a_filter_by_type_lists_only_that_type(client, many):
    types = {item["type"] for item in walk(client, "/api/v1/pages/", type="policy")}
    assert types == {"policy"}


def test_a_filter_by_town_lists_its_pages_only(client, many):
    units = {item["unit"]["slug"] for item in walk(client, "/api/v1/pages/", town="qinghe")}
    assert units == {"qinghe"}


def test_a_date_range_in_the_past_lists_nothing(client, many):
    yesterday = timezone.localdate() - timezone.timedelta(days=1)
    assert get_json(client, "/api/v1/pages/", until=yesterday.isoformat())["items"] == []


def test_the_weather_of_one_town(client, many):
    places = get_json(client, "/api/v1/weather/", town="qinghe")["places"]
    assert [place["town"] for place in places] == ["qinghe"]
