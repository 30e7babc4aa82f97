"""/search/ and /api/search/: the page without JavaScript, the API's shape, field errors, the query log,
best bets first, suggestions while typing, and query counts that do not grow with results."""

import pytest

from tests.factories import NewsPageFactory
from townsquare.core.pagecache import invalidate, table_tag
from townsquare.search.models import BestBet, QueryLog, SearchDocument

pytestmark = pytest.mark.django_db


def test_search_page_without_javascript(client, county, settings, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for n in range(11):
        NewsPageFactory(parent=county.county.section("news"), title=f"第{n}期社会保险知识讲座")
    with django_assert_max_num_queries(20):
        response = client.get("/search/", {"q": "社保"})
    html = response.content.decode()
    assert response.status_code == 200
    assert '找到 <span class="num">11</span> 条结果' in html
    assert html.count('class="search-hit"') == 10
    assert "<mark>社会保险</mark>" in html
    assert 'rel="next"' in html
    # The number of queries does not grow with the number of results shown (built again, not kept).
    invalidate(table_tag(SearchDocument))
    with CaptureQueriesContext(connection) as ten:
        client.get("/search/", {"q": "社保"})
    settings.SEARCH_PAGE_SIZE = 2
    invalidate(table_tag(SearchDocument))
    with CaptureQueriesContext(connection) as two:
        assert client.get("/search/", {"q": "社保"}).content.decode().count('class="search-hit"') == 2
    assert len(ten.captured_queries) == len(two.captured_queries)


def test_api_shape(client, county):
    NewsPageFactory(parent=county.county.section("news"), title="居住证办理须知", summary="办理居住证需要带身份证。")
    data = client.get("/api/search/", {"q": "居住证"}).json()
    assert set(data) >= {"query", "total", "page", "pages", "results", "best_bets", "did_you_mean"}
    hit = data["results"][0]
    assert set(hit) >= {"title", "url", "type", "unit", "date", "snippet"}
    assert hit["title"] == "居住证办理须知" and hit["type"] == "news" and hit["unit"] == "示范县人民政府"
    assert "居住证" in hit["snippet"]


def test_bad_filters_get_field_errors_and_the_query_is_kept(client, county):
    NewsPageFactory(parent=county.county.section("news"), title="居住证办理须知")
    response = client.get("/search/", {"q": "居住证", "start": "昨天", "type": "nonsense", "page": "x"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "请按“年-月-日”填写" in html and "没有这个类型" in html
    assert 'value="居住证"' in html and "办理须知" in html
    data = client.get("/api/search/", {"q": "居住证", "end": "2026-13-01"}).json()
    assert data["total"] == 1 and "end" in data["errors"]


def test_no_result_is_logged_and_did_you_mean_offered(client, county):
    NewsPageFactory(parent=county.county.section("news"), title="低保申请条件")
    html = client.get("/search/", {"q": "zzqqxx"}).content.decode()
    assert "没有找到" in html
    html = client.get("/search/", {"q": "低宝"}).content.decode()
    assert (
        "<mark>低保</mark>申请条件" in html and "同时搜索了读音相同的“<strong>低保</strong>”" in html
    )  # a homophone of a dictionary word
    data = client.get("/api/search/", {"q": "zzqqxx"}).json()
    assert data["total"] == 0
    log = QueryLog.objects.get(query="zzqqxx")
    assert log.searches == 2 and log.empty_searches == 2
    client.get("/api/search/", {"q": "电话13912345678"})
    assert not QueryLog.objects.filter(query__contains="13912345678").exists()


def test_best_bet_is_shown_first(client, county):
    page = NewsPageFactory(parent=county.county.section("news"), title="社保卡办理网点一览")
    BestBet.objects.create(query="社保卡", page=page, description="全县可以办社保卡的地方")
    data = client.get("/api/search/", {"q": "社保卡"}).json()
    assert data["best_bets"] == [
        {"title": "社保卡办理网点一览", "url": page.url, "description": "全县可以办社保卡的地方"}
    ]


def test_suggestions(client, county):
    NewsPageFactory(parent=county.county.section("news"), title="公积金贷款额度调整")
    assert "公积金" in client.get("/api/search/suggest/", {"q": "gongji"}).json()["suggestions"]
    assert "社保" in client.get("/api/search/suggest/", {"q": "sb"}).json()["suggestions"]
    assert "公积金贷款额度调整" in client.get("/api/search/suggest/", {"q": "公积金贷"}).json()["suggestions"]


@pytest.mark.parametrize("params", [{"end": "9999-12-31"}, {"start": "0001-01-01"}])
def test_an_extreme_date_on_the_page_is_a_400_with_a_chinese_message(client, county, params):
    response = client.get("/search/", {"q": "居住证", **params})
    assert (response.status_code, "日期超出范围" in response.content.decode()) == (400, True)


@pytest.mark.parametrize("params", [{"end": "9999-12-31"}, {"start": "0001-01-01"}])
def test_an_extreme_date_in_the_api_is_a_400_with_a_chinese_message(client, county, params):
    response = client.get("/api/search/", {"q": "居住证", **params})
    assert (response.status_code, "日期超出范围" in str(response.json()["errors"])) == (400, True)


def test_the_filter_drop_downs_keep_the_choice_and_mark_the_bad_one(client, county):
    html = client.get("/search/", {"q": "居住证", "type": "nonsense", "sort": "time"}).content.decode()
    assert '<select name="type" id="id_type" aria-invalid="true" aria-describedby="id_type_error">' in html
    assert '<option value="time" selected>最新</option>' in html
