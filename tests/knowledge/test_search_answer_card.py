"""Search shows an entry's answer on top when it matches the query well, and carries the query into a 留言."""

import pytest

pytestmark = pytest.mark.django_db


def test_a_well_matching_search_shows_the_answer_card(client, entries):
    html = client.get("/search/", {"q": "社保卡丢了怎么办"}).content.decode()
    assert 'class="answer-card"' in html and "先打12333挂失" in html


def test_a_search_without_a_good_match_shows_no_card(client, entries):
    html = client.get("/search/", {"q": "东街路灯"}).content.decode()
    assert 'class="answer-card"' not in html


def test_the_card_carries_the_search_into_a_consultation(client, entries):
    html = client.get("/search/", {"q": "社保卡丢了怎么办"}).content.decode()
    assert (
        "/liuyan/?type=consult&amp;title=%E7%A4%BE%E4%BF%9D%E5%8D%A1%E4%B8%A2%E4%BA%86%E6%80%8E%E4%B9%88%E5%8A%9E"
        in html
    )


def test_page_two_of_the_results_shows_no_card(client, entries):
    html = client.get("/search/", {"q": "社保卡丢了怎么办", "page": 2}).content.decode()
    assert 'class="answer-card"' not in html


def test_the_search_api_gives_the_answer(client, entries):
    data = client.get("/api/search/", {"q": "社保卡丢了怎么办"}).json()
    assert data["answer"]["question"] == "社保卡丢了怎么补办？"


def test_an_entry_is_found_among_the_results(client, entries):
    from townsquare.search import indexer
    from townsquare.search.sources import all_sources

    indexer.rebuild(all_sources())
    data = client.get("/api/search/", {"q": "出生医学证明"}).json()
    assert [hit["type"] for hit in data["results"]] == ["answer"]


def test_an_edited_answer_reaches_a_search_already_kept(client, entries):
    client.get("/search/", {"q": "社保卡丢了怎么办"})
    entries[0].answer = "先打12345挂失，再到人社窗口补卡。"
    entries[0].save()
    html = client.get("/search/", {"q": "社保卡丢了怎么办"}).content.decode()
    assert "先打12345挂失" in html
