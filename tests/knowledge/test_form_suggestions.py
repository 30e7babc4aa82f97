"""The 留言 form: a place for suggested answers (filled by a script from /wenda/api/suggest/), and the words of a
search or an answer carried over by 没解决？继续留言."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_form_has_the_suggestions_box_and_its_script(client, county):
    html = client.get("/liuyan/").content.decode()
    assert 'id="answer-suggestions"' in html and "knowledge/suggest.js" in html


def test_the_box_stays_hidden_without_script(client, county):
    html = client.get("/liuyan/").content.decode()
    assert 'aria-labelledby="answer-suggestions-title" hidden' in html


def test_the_form_arrives_as_a_consultation_with_the_title_carried_over(client, county):
    form = client.get("/liuyan/", {"type": "consult", "title": "社保卡丢了怎么办"}).context["form"]
    assert (form["request_type"].value(), form["title"].value()) == ("consult", "社保卡丢了怎么办")


def test_an_unknown_type_in_the_address_is_left_out(client, county):
    form = client.get("/liuyan/", {"type": "bogus"}).context["form"]
    assert form["request_type"].value() is None


def test_the_suggestions_answer_a_consultation_being_typed(client, entries):
    text = "孩子刚出生，想问新生儿怎么参加医保"
    data = client.get("/wenda/api/suggest/", {"text": text}).json()
    assert [entry["question"] for entry in data["entries"]] == ["新生儿怎么参加医保？"]


def test_the_suggestions_are_limited_per_address(client, entries, settings):
    settings.KNOWLEDGE_REQUESTS_PER_IP_HOUR = 2
    for _ in range(2):
        client.get("/wenda/api/suggest/", {"text": "社保卡丢了怎么补办"})
    assert client.get("/wenda/api/suggest/", {"text": "社保卡丢了怎么补办"}).status_code == 429
