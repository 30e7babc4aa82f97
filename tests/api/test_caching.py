"""ETag and 304 for every client, the page cache for anonymous ones, and its invalidation."""

import pytest

from tests.factories import NewsPageFactory

from .conftest import get_json

pytestmark = pytest.mark.django_db
URL = "/api/v1/pages/"


def test_an_answer_carries_an_etag(client, content):
    assert client.get(URL).has_header("ETag")


def test_the_same_etag_gets_a_304(client, content):
    etag = client.get(URL)["ETag"]
    assert client.get(URL, HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_a_client_with_a_cookie_gets_a_304_too(client, content):
    client.cookies["sessionid"] = "abc"
    etag = client.get(URL)["ETag"]
    assert client.get(URL, HTTP_IF_NONE_MATCH=etag).status_code == 304


def test_the_answer_is_public(client, content):
    assert client.get(URL)["Cache-Control"] == "public, no-cache"


def test_anonymous_answers_come_from_the_page_cache(client, content):
    client.get(URL)
    assert client.get(URL).get("X-Page-Cache") == "hit"


def test_publishing_a_page_changes_the_list(client, content):
    client.get(URL)
    page = NewsPageFactory(parent=content.county.town_a.section("news"), title="刚发布的新闻")
    assert get_json(client, URL)["items"][0]["id"] == page.pk


def test_a_changed_list_gets_a_new_etag(client, content):
    etag = client.get(URL)["ETag"]
    NewsPageFactory(parent=content.county.town_a.section("news"))
    assert client.get(URL, HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_a_request_answered_changes_the_request_list(client, content):
    from townsquare.resident_requests import handling

    from .conftest import _publish_request

    client.get("/api/v1/requests/")
    request = _publish_request(content.category, content.county.town_a.editor)
    handling.answer(request, "已派人处理。", content.county.town_a.editor)
    assert get_json(client, "/api/v1/requests/")["items"][0]["tracking_number"] == request.tracking_number


def test_api_search_is_still_not_cached(client, content):
    client.get("/api/search/", {"q": "路灯"})
    assert client.get("/api/search/", {"q": "路灯"}).get("X-Page-Cache") != "hit"


def test_past_the_limit_a_client_gets_a_429_in_chinese(client, content, settings):
    settings.PAGE_CACHE_SECONDS = 0
    settings.API_RATE_LIMIT_PER_IP_MINUTE = 2
    responses = [client.get("/api/v1/units/") for _ in range(3)]
    last = responses[-1]
    assert (last.status_code, last["Retry-After"], last.json()["detail"]) == (429, "60", "请求太频繁，请一分钟后再试。")


def test_answers_from_the_page_cache_do_not_count_against_the_limit(client, content, settings):
    settings.API_RATE_LIMIT_PER_IP_MINUTE = 2
    statuses = {client.get("/api/v1/units/").status_code for _ in range(5)}
    assert statuses == {200}
