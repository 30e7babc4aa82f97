"""Routing looks pages up by url_path along an index, not by reading the whole page table."""

import pytest
from django.db import connection
from wagtail.models import Page

pytestmark = pytest.mark.django_db

sqlite_only = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite 的查询计划检查（EXPLAIN QUERY PLAN）")


@sqlite_only
def test_url_path_lookup_uses_an_index(county):
    queryset = Page.objects.filter(url_path__in=["/home/a/", "/home/a/b/"]).values_list("id")
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        plan = [row[3] for row in cursor.fetchall()]
    assert any("publishing_page_url_path" in step for step in plan), plan
