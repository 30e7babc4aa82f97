"""Which entry answers a search, and which a 咨询 being typed: well-matching questions only."""

import datetime

import pytest
from django.utils import timezone

from townsquare.knowledge.matching import answer_for, suggestions_for

pytestmark = pytest.mark.django_db


def test_a_search_worded_like_a_question_gets_its_answer(entries):
    assert answer_for("社保卡丢了怎么办").question == "社保卡丢了怎么补办？"


def test_another_wording_of_the_question_finds_it_too(entries):
    assert answer_for("社保卡补办带什么").question == "社保卡丢了怎么补办？"


def test_a_search_about_something_else_gets_no_answer(entries):
    assert answer_for("东街路灯不亮") is None


def test_a_search_sharing_one_common_word_gets_no_answer(entries):
    assert answer_for("医保缴费基数调整通知") is None


def test_a_long_consultation_is_offered_the_entry_its_question_is_in(entries):
    text = "我家孩子上个月刚出生，还没上户口，想问一下新生儿怎么参加医保，要带哪些材料？"
    assert [m.question for m in suggestions_for(text)] == ["新生儿怎么参加医保？"]


def test_a_text_too_short_asks_for_nothing(entries, settings):
    settings.KNOWLEDGE_SUGGEST_MIN_CHARS = 4
    assert suggestions_for("医保") == []


def test_an_unpublished_entry_answers_nothing(entries):
    entries[0].published = False
    entries[0].save()
    assert answer_for("社保卡丢了怎么办") is None


def test_a_changed_question_is_matched_at_once(entries):
    answer_for("社保卡丢了怎么办")
    entries[2].question = "残疾人两项补贴怎么申请？"
    entries[2].save()
    assert answer_for("残疾人两项补贴申请").question == "残疾人两项补贴怎么申请？"


def test_a_stale_entry_still_answers(entries):
    entries[1].review_by = timezone.localdate() - datetime.timedelta(days=1)
    entries[1].save()
    assert answer_for("新生儿怎么参加医保").question == "新生儿怎么参加医保？"
