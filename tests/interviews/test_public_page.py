"""The interview page by stage: what residents see before, during and after, and never a contact."""

from datetime import timedelta

import pytest

from tests.helpers import building_pages
from townsquare.interviews.models import Question

from .factories import InterviewPageFactory, LineFactory, QuestionFactory

pytestmark = pytest.mark.django_db


def test_upcoming_page_offers_to_ask(client, column):
    interview = InterviewPageFactory(parent=column)

    assert "我要提问" in client.get(interview.url).content.decode()


def test_published_questions_are_listed_with_the_surname_only(client, column):
    interview = InterviewPageFactory(parent=column)
    QuestionFactory(interview=interview, status=Question.Status.PUBLISHED, name="王秀英", text="补贴多久到账？")

    html = client.get(interview.url).content.decode()

    assert "网友王**：" in html and "王秀英" not in html


def test_pending_questions_are_not_shown(client, column):
    interview = InterviewPageFactory(parent=column)
    QuestionFactory(interview=interview, text="还没审核的问题")

    assert "还没审核的问题" not in client.get(interview.url).content.decode()


def test_contacts_never_appear(client, column):
    interview = InterviewPageFactory(parent=column, starts_in=timedelta(hours=-1))
    question = QuestionFactory(interview=interview, status=Question.Status.PUBLISHED)
    LineFactory(interview=interview, question=question)

    html = client.get(interview.url).content.decode()

    assert "13812345678" not in html and "wang@example.com" not in html


def test_live_page_has_a_polite_live_region_and_a_refresh_link(client, column):
    interview = InterviewPageFactory(parent=column, starts_in=timedelta(minutes=-10))

    html = client.get(interview.url).content.decode()

    assert 'aria-live="polite"' in html and 'id="live-refresh"' in html


def test_ended_page_is_the_transcript(client, column):
    interview = InterviewPageFactory(parent=column, starts_in=timedelta(days=-3))
    LineFactory(interview=interview, text="谢谢大家，今天的访谈就到这里。")

    html = client.get(interview.url).content.decode()

    assert "文字实录" in html and "谢谢大家，今天的访谈就到这里。" in html


def test_ended_page_no_longer_takes_questions(client, column):
    interview = InterviewPageFactory(parent=column, starts_in=timedelta(days=-3))

    assert "我要提问" not in client.get(interview.url).content.decode()


def test_page_queries_do_not_grow_with_lines(client, column, django_assert_max_num_queries):
    interview = InterviewPageFactory(parent=column, starts_in=timedelta(hours=-1))
    for _ in range(3):
        question = QuestionFactory(interview=interview, status=Question.Status.PUBLISHED)
        LineFactory(interview=interview, question=question)
    LineFactory.create_batch(10, interview=interview)

    with building_pages(), django_assert_max_num_queries(14):
        assert client.get(interview.url).status_code == 200
