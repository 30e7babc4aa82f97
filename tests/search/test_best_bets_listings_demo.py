"""Best bets for what a query means, marking only real words, life listings in search, the demo's search data."""

import datetime

import pytest
from django.utils import timezone

from tests.factories import NewsPageFactory, PolicyPageFactory
from tests.listings import factories as listings
from townsquare.search.models import BestBet, QueryLog, SearchDocument
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


def test_document_number_query_marks_no_lone_characters(county):
    PolicyPageFactory(
        parent=county.county.section("policy"),
        title="示范县老年人免费乘车办法",
        summary="出示身份证就能上车，政府办发的通知。",
        document_number="示政办发〔2026〕8号",
    )
    results = search(Params(q="示政办发[2026]8号"), log=False)
    hit = results.hits[0]
    assert hit.title == "示范县老年人免费乘车办法"
    assert "<mark>" not in str(hit.snippet_html), hit.snippet_html
    assert results.corrections == []
    results = search(Params(q="查一下示政办发2026 8"), log=False)
    assert results.hits[0].title == "示范县老年人免费乘车办法" and results.corrections == []


def test_a_corrected_typo_marks_the_word_not_its_characters(county):
    NewsPageFactory(
        parent=county.county.section("news"), title="低保标准调整", summary="收入低于标准的家庭可以申请低保。"
    )
    hit = search(Params(q="低宝"), log=False).hits[0]
    assert "<mark>低保</mark>" in str(hit.snippet_html)
    assert "<mark>低</mark>" not in str(hit.snippet_html)


def test_live_listing_is_found_by_its_own_fields_without_its_contact(county, find):
    job = listings.job(
        title="超市收银员",
        employer="禾丰超市",
        place="青禾镇东街",
        contact_name="赵六",
        contact_phone="13700001234",
        unit=county.town_a.unit,
    )
    assert find("禾丰超市") == ["超市收银员"]
    doc = SearchDocument.objects.get(kind="listing")
    assert "13700001234" not in doc.body + doc.title and "赵六" not in doc.body + doc.title
    assert find("赵六") == [] and find("13700001234") == []
    job.expires_at = timezone.now() - datetime.timedelta(minutes=1)
    job.save()
    assert find("禾丰超市") == []


def test_listing_past_its_expiry_leaves_results_before_anything_saves_it(county, find):
    job = listings.job(title="仓库管理员", employer="石桥物流", unit=county.town_b.unit)
    assert find("仓库管理员") == ["仓库管理员"]
    type(job).objects.filter(pk=job.pk).update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    SearchDocument.objects.filter(kind="listing").update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    assert find("仓库管理员") == []


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


def test_a_query_searched_once_is_never_suggested_to_others(county):
    from townsquare.search.query import log_query, suggestions

    NewsPageFactory(parent=county.county.section("news"), title="低保标准调整")
    log_query("低保 张三家", 1)
    for _ in range(3):
        log_query("低保标准", 1)
    offered = suggestions("低保")
    assert "低保标准" in offered and "低保 张三家" not in offered


def test_new_synonym_group_finds_documents_indexed_before_it(county, find, django_capture_on_commit_callbacks):
    from townsquare.search.models import Synonym

    NewsPageFactory(parent=county.county.section("news"), title="电动自行车上牌点增加")
    assert find("电驴") == []
    with django_capture_on_commit_callbacks(execute=True):
        Synonym.objects.create(terms="电驴 电动自行车")
    assert find("电驴") == ["电动自行车上牌点增加"]
    assert find("电动自行车") == ["电动自行车上牌点增加"]
