"""The demo's 知识库: common questions answered on top of search, one entry past its review date in 监管, an
entry written from an answered 咨询, suggestions for a 咨询 being typed, and a month of figures."""

import pytest

from townsquare.knowledge import tally
from townsquare.knowledge.matching import suggestions_for
from townsquare.knowledge.models import Entry
from townsquare.oversight.rules import evaluate

pytestmark = pytest.mark.usefixtures("demo", "db")


@pytest.mark.parametrize("query", ["社保卡丢了怎么办", "60岁以上老人坐公交要钱吗"])
def test_a_common_question_gets_an_answer_card(client, query):
    assert 'class="answer-card"' in client.get("/search/", {"q": query}).content.decode()


def test_a_consultation_being_typed_is_offered_an_answer():
    assert [m.question for m in suggestions_for("孩子刚出生怎么参加医保")][:1] == ["新生儿怎么参加医保？"]


def test_one_entry_is_past_its_review_date_and_flagged_in_oversight():
    findings = [f for score in evaluate().units for f in score.findings if f.code == "knowledge_stale"]
    assert [f.object_label for f in findings] == ["城关镇的大件垃圾怎么扔？"]


def test_the_guides_and_an_answered_consultation_became_entries():
    sources = set(Entry.objects.live().values_list("source", flat=True))
    assert sources == {"own", "faq", "interpretation", "request"}


def test_the_figures_show_answers_before_sending():
    assert tally.figures(30).answered_before_sent > 0


def test_every_entry_page_opens_with_its_source(client):
    statuses = {client.get(entry.get_absolute_url()).status_code for entry in Entry.objects.live()}
    assert statuses == {200}
