"""The 在线访谈 column: upcoming and live first, past after; the county's lists every unit's."""

from datetime import timedelta

import pytest

from tests.helpers import building_pages

from .factories import InterviewIndexPageFactory, InterviewPageFactory

pytestmark = pytest.mark.django_db


def test_upcoming_comes_before_past(client, column):
    InterviewPageFactory(parent=column, title="往期：秋收", starts_in=timedelta(days=-30))
    InterviewPageFactory(parent=column, title="预告：冬季供暖")

    html = client.get(column.url).content.decode()

    assert html.index("预告：冬季供暖") < html.index("往期：秋收")


def test_the_county_column_lists_a_towns_interviews(client, column, county):
    town_column = InterviewIndexPageFactory(parent=county.town_a.home)
    InterviewPageFactory(parent=town_column, title="镇长谈人居环境整治")

    assert "镇长谈人居环境整治" in client.get(column.url).content.decode()


def test_a_towns_interview_takes_the_towns_unit(column, county):
    town_column = InterviewIndexPageFactory(parent=county.town_a.home)

    assert InterviewPageFactory(parent=town_column).unit == county.town_a.unit


def test_the_life_grid_leads_to_the_county_column(client, column):
    assert 'href="/fangtan/"' in client.get("/").content.decode()


def test_queries_do_not_grow_with_interviews(client, column, django_assert_max_num_queries):
    for days in (-20, -10, 5, 10):
        InterviewPageFactory(parent=column, starts_in=timedelta(days=days))

    with building_pages(), django_assert_max_num_queries(12):
        assert client.get(column.url).status_code == 200
