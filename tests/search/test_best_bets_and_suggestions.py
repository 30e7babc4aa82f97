"""Best bets for what a query means (pinyin, initials), never for a page residents cannot open;
suggestions only from what many have searched from several addresses over several days, never a
contact handle, address or phone number, never one editors blocked."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from tests.factories import NewsPageFactory
from townsquare.search.models import BestBet, BlockedSuggestion, QuerySighting
from townsquare.search.query import Params, search
from townsquare.search.querylog import hot_queries, is_suggestible, log_query
from townsquare.search.suggestions import suggestions

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
    NewsPageFactory(parent=county.county.section("news"), title="低保标准调整")
    log_query("低保 张三家", 1, address="10.0.0.1")
    searched_widely("低保标准")
    offered = suggestions("低保")
    assert "低保标准" in offered and "低保 张三家" not in offered


def searched_widely(text, addresses=3, days=2, found=1):
    """``text`` searched from ``addresses`` different addresses on each of ``days`` different days."""
    today = timezone.localtime()
    for back in range(days):
        with time_machine.travel(today - timedelta(days=back), tick=False):
            for n in range(addresses):
                log_query(text, found, address=f"10.0.0.{n + 1}")


def test_three_searches_from_one_address_on_one_day_are_not_suggested():
    for _ in range(3):
        log_query("社保卡补领代办", 1, address="203.0.113.9")
    assert "社保卡补领代办" not in suggestions("社保卡")


def test_many_searches_from_one_address_over_several_days_are_not_suggested():
    searched_widely("社保卡补领代办", addresses=1, days=5)
    assert "社保卡补领代办" not in suggestions("社保卡")


def test_many_addresses_on_one_day_are_not_suggested():
    searched_widely("社保卡补领代办", addresses=5, days=1)
    assert "社保卡补领代办" not in suggestions("社保卡")


def test_a_query_from_several_addresses_over_several_days_is_suggested():
    searched_widely("社保卡补领地点")
    assert "社保卡补领地点" in suggestions("社保卡")


def test_the_log_keeps_a_hash_of_the_address_never_the_address():
    log_query("社保卡补领", 1, address="203.0.113.9")
    sighting = QuerySighting.objects.get(query="社保卡补领")
    assert "203.0.113.9" not in sighting.address_hash and len(sighting.address_hash) >= 16


def test_a_search_on_the_site_records_who_searched(client, county):
    client.get("/search/", {"q": "社保卡补领"}, REMOTE_ADDR="203.0.113.9")
    assert QuerySighting.objects.filter(query="社保卡补领").count() == 1


@pytest.mark.parametrize(
    "text",
    [
        "社保卡补领 加微信shebao8888领补贴",
        "社保卡 vx shebao",
        "社保卡 VX：shebao",
        "补贴 qq群",
        "补贴 加V领取",
        "补贴 加v",
        "补贴@shebao",
        "补贴 shebao@example.com",
        "补贴 shebao＠example.com",
        "补贴 https://example.com/a",
        "补贴 www.shebao.top",
        "补贴 shebao8888.com",
        "补贴 1381234",
        "补贴 １３８１２３４５６７８",
        "补贴 138 1234 5678",
        "补贴 138****5678",
    ],
)
def test_contact_handles_urls_and_phone_numbers_are_not_suggestible(text):
    assert not is_suggestible(text)


@pytest.mark.parametrize("text", ["社保卡补领", "gongjijin", "示政办发〔2026〕8号", "2026年 低保标准", "老年人 公交"])
def test_ordinary_queries_are_suggestible(text):
    assert is_suggestible(text)


def test_a_query_with_a_contact_handle_is_never_suggested_however_often_searched():
    searched_widely("社保卡补领 加微信shebao8888领补贴", addresses=5, days=3)
    assert "社保卡补领 加微信shebao8888领补贴" not in suggestions("社保卡")


def test_a_query_with_a_contact_handle_is_not_a_hot_query():
    searched_widely("社保卡补领 加微信shebao8888领补贴", addresses=5, days=3)
    assert "社保卡补领 加微信shebao8888领补贴" not in [q for q, _total, _empty in hot_queries()]


def test_a_blocked_query_is_never_suggested():
    searched_widely("社保卡补领代办点")
    BlockedSuggestion.objects.create(query="社保卡补领代办点")
    assert "社保卡补领代办点" not in suggestions("社保卡")


def test_a_blocked_word_hides_every_query_holding_it():
    searched_widely("社保卡代办 快速")
    BlockedSuggestion.objects.create(query="代办")
    assert "社保卡代办 快速" not in suggestions("社保卡")


def test_the_daily_job_forgets_sightings_older_than_the_report_window():
    from townsquare.core.scheduling import JOBS

    long_ago = timezone.localtime() - timedelta(days=40)
    with time_machine.travel(long_ago, tick=False):
        log_query("社保卡补领", 1, address="203.0.113.9")
    log_query("社保卡补领", 1, address="203.0.113.9")
    JOBS["search_forget_sightings"].run()
    assert list(QuerySighting.objects.values_list("day", flat=True)) == [timezone.localdate()]
