"""The admin side: dictionary, synonyms and best bets as snippets; the 热词 / 无结果词 report."""

import pytest

from tests.factories import PASSWORD, UserFactory
from townsquare.search.models import BestBet, BlockedSuggestion, GovTerm, QueryLog, Synonym
from townsquare.search.querylog import log_query

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    user = UserFactory(username="search_admin", is_superuser=True, is_staff=True)
    client.login(username=user.username, password=PASSWORD)
    return client


def test_report_lists_hot_and_empty_queries(admin_client):
    for _ in range(3):
        log_query("社保卡", 5)
    log_query("无人机培训", 0)
    html = admin_client.get("/admin/search-report/").content.decode()
    assert "社保卡" in html and "无人机培训" in html
    assert QueryLog.objects.get(query="社保卡").searches == 3


def test_report_needs_permission(client, county):
    client.login(username=county.town_a.editor.username, password=PASSWORD)
    response = client.get("/admin/search-report/")
    assert response.status_code == 302 and response["Location"] == "/admin/"


def test_snippet_lists_open(admin_client):
    GovTerm.objects.create(word="测试词")
    Synonym.objects.create(terms="甲 乙")
    for model in ("govterm", "synonym", "bestbet"):
        assert admin_client.get(f"/admin/snippets/sitesearch/{model}/").status_code == 200, model


def test_best_bet_form_errors_are_in_chinese():
    from django.core.exceptions import ValidationError

    bet = BestBet(query="  ", url="")
    with pytest.raises(ValidationError) as error:
        bet.full_clean()
    assert "请填写搜索词。" in str(error.value) and "请选择一个页面" in str(error.value)


def test_synonym_group_needs_two_words():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        Synonym(terms="社保").full_clean()


def test_editors_block_a_suggestion_in_the_admin(admin_client):
    response = admin_client.post(
        "/admin/snippets/sitesearch/blockedsuggestion/add/", {"query": " 代办 ", "note": "广告"}
    )
    assert response.status_code == 302 and BlockedSuggestion.objects.filter(query="代办").exists()


def test_blocking_a_word_twice_is_refused_in_chinese():
    from django.core.exceptions import ValidationError

    BlockedSuggestion.objects.create(query="代办")
    with pytest.raises(ValidationError) as error:
        BlockedSuggestion(query="代办").full_clean()
    assert "这个词已经屏蔽了。" in str(error.value)
