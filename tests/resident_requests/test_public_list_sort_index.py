"""The public 留言 list is read in the order of an index: a deep page does not sort every public request."""

import pytest
from django.db import connection

from townsquare.resident_requests import handling, public

pytestmark = pytest.mark.django_db

# The plan is read with SQLite's EXPLAIN QUERY PLAN; PostgreSQL plans by its statistics of the data.
sqlite_only = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite 的查询计划检查（EXPLAIN QUERY PLAN）")


def query_plan(queryset):
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        return [row[3] for row in cursor.fetchall()]


@sqlite_only
def test_public_list_sorts_along_an_index(desk):
    plan = query_plan(public.public_requests()[2000:2020])
    assert not any("TEMP B-TREE" in step for step in plan), plan


def test_page_number_past_the_end_shows_the_last_page(desk, client, settings):
    settings.REQUEST_PUBLIC_PAGE_SIZE = 2
    for _ in range(3):
        request, _ = desk.file()
        handling.accept(request, desk.county.town_a.editor)
    response = client.get("/liuyan/public/?page=100")
    assert response.context["page_obj"].number == 2
