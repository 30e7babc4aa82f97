"""A best bet's page is checked for view restrictions against the remembered table, not with a query per bet."""

import pytest

from tests.factories import NewsPageFactory
from townsquare.search.models import BestBet
from townsquare.search.suggestions import best_bets

pytestmark = pytest.mark.django_db


def test_bets_on_unrestricted_pages_cost_one_query(county, django_assert_num_queries):
    for title in ("低保申请指南", "低保标准"):
        BestBet.objects.create(query="低保", page=NewsPageFactory(parent=county.county.section("news"), title=title))
    best_bets("低保")  # the table of restricted paths is remembered

    with django_assert_num_queries(1):
        best_bets("低保")
