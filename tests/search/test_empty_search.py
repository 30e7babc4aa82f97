"""/search/ with nothing typed offers 热词 (what many residents searched and found) and 常办事项, not a blank page."""

import pytest
from django.utils import timezone

from tests.factories import NewsPageFactory
from townsquare.search.models import BestBet, QueryLog, QuerySighting
from townsquare.search.querylog import address_hash

pytestmark = pytest.mark.django_db


def test_an_empty_search_offers_hot_words(client, settings):
    settings.SEARCH_SUGGEST_MIN_DAYS = 1
    today = timezone.localdate()
    QueryLog.objects.create(query="居住证", day=today, searches=9, last_results=4)
    for n in range(settings.SEARCH_SUGGEST_MIN_ADDRESSES):
        QuerySighting.objects.create(query="居住证", address_hash=address_hash(f"198.51.100.{n}"), day=today)
    html = client.get("/search/").content.decode()
    assert '<a href="/search/?q=%E5%B1%85%E4%BD%8F%E8%AF%81">居住证</a>' in html


def test_an_empty_search_offers_common_tasks(client, county):
    page = NewsPageFactory(parent=county.county.section("news"), title="社会保障卡补领、换领")
    BestBet.objects.create(query="社保卡", page=page, description="社保卡丢了、坏了，到银行网点补领。")
    html = client.get("/search/").content.decode()
    assert f'<a href="{page.url}">社会保障卡补领、换领</a>' in html


def test_a_common_task_behind_a_password_is_not_offered(client, county):
    from wagtail.models import PageViewRestriction

    page = NewsPageFactory(parent=county.county.section("news"), title="内部办事流程")
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.PASSWORD, password="x")
    BestBet.objects.create(query="流程", page=page)
    assert "内部办事流程" not in client.get("/search/").content.decode()


def test_an_empty_search_costs_the_same_queries_however_many_common_tasks(client, county):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    section = county.county.section("news")
    BestBet.objects.create(query="社保卡", page=NewsPageFactory(parent=section, title="社保卡补领"))
    client.get("/search/")
    with CaptureQueriesContext(connection) as one:
        client.get("/search/")
    for n in range(4):
        BestBet.objects.create(query=f"事项{n}", page=NewsPageFactory(parent=section, title=f"常办事项{n}"))
    client.get("/search/")  # what publishing cleared is cached again
    with CaptureQueriesContext(connection) as five:
        client.get("/search/")
    assert len(five.captured_queries) == len(one.captured_queries)
