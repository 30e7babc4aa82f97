"""Best bets for what a query means (pinyin, initials), never for a page residents cannot open;
suggestions only from what many have searched."""

import pytest

from tests.factories import NewsPageFactory
from townsquare.search.models import BestBet
from townsquare.search.query import Params, search

pytestmark = pytest.mark.django_db


def test_best_bet_shows_for_pinyin_and_initials_of_its_word(county):
    page = NewsPageFactory(parent=county.county.section("news"), title="低保申请指南")
    BestBet.objects.create(query="低保", page=page)
    for typed in ("低保", "dibao", "di bao", "ＤＩＢＡＯ"):
        assert [bet.page_id for bet in search(Params(q=typed), log=False).best_bets] == [page.pk], typed
    assert search(Params(q="低保 公示"), log=False).best_bets == []


def test_best_bet_for_an_unpublished_or_restricted_page_is_not_shown(county):
    from wagtail.models import PageViewRestriction

    page = NewsPageFactory(parent=county.county.section("news"), title="低保申请指南")
    BestBet.objects.create(query="低保", page=page)
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    assert search(Params(q="低保"), log=False).best_bets == []
    restriction.delete()
    assert len(search(Params(q="低保"), log=False).best_bets) == 1
    page.unpublish()
    assert search(Params(q="低保"), log=False).best_bets == []


def test_a_query_searched_once_is_never_suggested_to_others(county):
    from townsquare.search.querylog import log_query
    from townsquare.search.suggestions import suggestions

    NewsPageFactory(parent=county.county.section("news"), title="低保标准调整")
    log_query("低保 张三家", 1)
    for _ in range(3):
        log_query("低保标准", 1)
    offered = suggestions("低保")
    assert "低保标准" in offered and "低保 张三家" not in offered
