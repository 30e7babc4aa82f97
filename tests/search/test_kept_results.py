"""A search's page is kept in the page cache (the same for every visitor) and built again when what it
shows changes: a new publication, an item's expiry, a knowledge entry; every search is still logged."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from tests.factories import NewsPageFactory
from townsquare.search import querylog
from townsquare.search.models import QueryLog, SearchDocument, Synonym

pytestmark = pytest.mark.django_db


def _count(client, q):
    html = client.get("/search/", {"q": q}).content.decode()
    return html.count('class="search-hit"')


def test_a_kept_search_is_answered_without_a_query(client, county, settings, django_assert_num_queries):
    settings.SEARCH_LOG_FLUSH_SIZE = 1000  # the log is written later, off the request path
    NewsPageFactory(parent=county.county.section("news"), title="社会保险缴费通知")
    client.get("/search/", {"q": "社保"})
    with django_assert_num_queries(0):
        client.get("/search/", {"q": "社保"})


def test_a_new_publication_is_found_by_a_kept_search(client, county):
    news = county.county.section("news")
    NewsPageFactory(parent=news, title="社会保险缴费通知")
    assert _count(client, "社保") == 1
    NewsPageFactory(parent=news, title="社会保险待遇调整")
    assert _count(client, "社保") == 2


def test_an_item_leaves_a_kept_search_when_it_expires(client, county):
    page = NewsPageFactory(parent=county.county.section("news"), title="限时征求意见")
    ends = timezone.now() + datetime.timedelta(seconds=20)  # sooner than the part would end by itself
    SearchDocument.objects.filter(object_id=str(page.pk)).update(expires_at=ends)
    assert _count(client, "征求意见") == 1
    with time_machine.travel(ends + datetime.timedelta(seconds=1), tick=False):
        assert _count(client, "征求意见") == 0


def test_a_new_synonym_reaches_a_kept_search(client, county):
    NewsPageFactory(parent=county.county.section("news"), title="农家乐经营补贴")
    assert _count(client, "乡村旅游") == 0
    Synonym.objects.create(terms="乡村旅游 农家乐")
    assert _count(client, "乡村旅游") == 1


def test_a_search_answered_from_the_kept_page_is_logged(client, county):
    NewsPageFactory(parent=county.county.section("news"), title="社会保险缴费通知")
    client.get("/search/", {"q": "社保"})
    client.get("/search/", {"q": "社保"})
    querylog.flush_queries()
    assert QueryLog.objects.get(query="社保").searches == 2
