"""A column lists its items in the order of an index: deep pages skip rows along it instead of sorting all."""

import pytest
from django.db import connection

from townsquare.publishing.models import SectionPage

from ..factories import NewsPageFactory

pytestmark = pytest.mark.django_db

# The plan is read with SQLite's EXPLAIN QUERY PLAN; PostgreSQL plans by its statistics of the data.
sqlite_only = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite 的查询计划检查（EXPLAIN QUERY PLAN）")


def query_plan(queryset):
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        return [row[3] for row in cursor.fetchall()]


@sqlite_only
def test_county_column_sorts_along_an_index(county):
    NewsPageFactory(parent=county.town_a.section(SectionPage.Kind.NEWS))
    column = county.county.section(SectionPage.Kind.NEWS)
    plan = query_plan(column.items(within=column.county_home())[7485:7500])
    assert not any("TEMP B-TREE" in step for step in plan), plan


def test_page_number_past_the_end_shows_the_last_page(county, client):
    column = county.county.section(SectionPage.Kind.NEWS)
    for _ in range(16):  # two pages of 15
        NewsPageFactory(parent=column)
    response = client.get(column.url + "?page=500")
    assert response.context["page_obj"].number == 2
