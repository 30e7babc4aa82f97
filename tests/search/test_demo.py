"""The demo's search data: best bets and logged queries, loaded again without duplicates."""

import pytest
from django.utils import timezone

from townsquare.search.models import BestBet, QueryLog

pytestmark = pytest.mark.django_db


def test_demo_search_data_is_idempotent(county):
    from townsquare.demo.loader import Tally
    from townsquare.demo.search import ensure_search

    first, second = Tally(), Tally()
    ensure_search(None, timezone.now(), first)
    logged = QueryLog.objects.count()
    ensure_search(None, timezone.now(), second)
    assert logged > 0 and QueryLog.objects.count() == logged
    assert second.total_created == 0
    # The /liuyan/ bet needs no page; the others wait for demo pages this test county does not have.
    assert BestBet.objects.filter(query="留言", url="/liuyan/").count() == 1


def test_demo_searches_come_from_many_addresses_so_they_are_suggested(county):
    from townsquare.demo.loader import Tally
    from townsquare.demo.search import ensure_search
    from townsquare.search.suggestions import suggestions

    ensure_search(None, timezone.now(), Tally())
    assert "老年人 公交" in suggestions("老年")
