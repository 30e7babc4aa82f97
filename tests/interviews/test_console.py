"""The staff console: moderating questions and posting lines, only for the interview's own unit."""

from datetime import timedelta

import pytest
from django.urls import reverse

from tests.helpers import login
from townsquare.interviews.models import Line, Question

from .factories import InterviewPageFactory, QuestionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def live(column):
    return InterviewPageFactory(parent=column, starts_in=timedelta(minutes=-5))


def _console(interview):
    return reverse("interviews_console", args=[interview.pk])


def test_staff_of_another_unit_may_not_open_it(client, live, county):
    login(client, county.town_a.editor)

    response = client.get(_console(live))

    assert (response.status_code, response.url) == (302, reverse("wagtailadmin_home"))  # Wagtail's refusal


def test_the_units_staff_see_the_askers_contact(client, live, county):
    QuestionFactory(interview=live)
    login(client, county.county.editor)

    assert "13812345678" in client.get(_console(live)).content.decode()


def test_posting_a_line_adds_it(client, live, county):
    login(client, county.county.editor)

    client.post(_console(live), {"action": "post", "speaker": "host", "text": "欢迎大家收看今天的访谈。"})

    assert Line.objects.get().text == "欢迎大家收看今天的访谈。"


def test_an_empty_line_is_refused_with_a_reason(client, live, county):
    login(client, county.county.editor)

    response = client.post(_console(live), {"action": "post", "speaker": "host", "text": ""})

    assert response.status_code == 400 and not Line.objects.exists()


def test_answering_a_question_marks_it_answered(client, live, county):
    question = QuestionFactory(interview=live)
    login(client, county.county.editor)

    client.post(_console(live), {"action": "post", "speaker": "guest", "text": "可以申请。", "question": question.pk})

    assert Question.objects.get().answered_at is not None


def test_answering_a_question_shows_it(client, live, county):
    question = QuestionFactory(interview=live)
    login(client, county.county.editor)

    client.post(_console(live), {"action": "post", "speaker": "guest", "text": "可以申请。", "question": question.pk})

    assert Question.objects.get().status == Question.Status.PUBLISHED


def test_publishing_a_question(client, live, county):
    question = QuestionFactory(interview=live)
    login(client, county.county.editor)

    client.post(_console(live), {"action": "publish", "question": question.pk})

    assert Question.objects.get().status == Question.Status.PUBLISHED


def test_a_question_the_asker_kept_private_is_not_published(client, live, county):
    question = QuestionFactory(interview=live, may_publish=False)
    login(client, county.county.editor)

    client.post(_console(live), {"action": "publish", "question": question.pk})

    assert Question.objects.get().status == Question.Status.PENDING


def test_taking_a_line_back_makes_its_question_unanswered(client, live, county):
    question = QuestionFactory(interview=live)
    login(client, county.county.editor)
    client.post(_console(live), {"action": "post", "speaker": "guest", "text": "可以申请。", "question": question.pk})

    client.post(_console(live), {"action": "remove", "line": Line.objects.get().pk})

    assert Question.objects.get().answered_at is None


def test_the_list_shows_only_the_units_interviews(client, column, county):
    InterviewPageFactory(parent=column, title="县里的访谈")
    login(client, county.town_a.editor)

    assert "县里的访谈" not in client.get(reverse("interviews_console_index")).content.decode()


def test_staff_can_open_the_form_for_a_new_interview(client, column, county):
    login(client, county.county.editor)
    url = reverse("wagtailadmin_pages:add", args=["interviews", "interviewpage", column.pk])

    assert client.get(url).status_code == 200
