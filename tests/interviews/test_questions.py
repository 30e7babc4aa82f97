"""Residents ask the guest: the form on its own address, moderated, once per submission, limited."""

from datetime import timedelta

import pytest

from townsquare.interviews.models import Question

from .factories import InterviewPageFactory

pytestmark = pytest.mark.django_db

KEY = "k" * 32


def _data(**changes):
    data = {
        "text": "灵活就业人员社保补贴怎么申请？",
        "name": "王先生",
        "phone": "138 1234 5678",
        "email": "",
        "may_publish": "yes",
        "submission_key": KEY,
    }
    data.update(changes)
    return data


@pytest.fixture
def interview(column):
    return InterviewPageFactory(parent=column)


def test_a_question_waits_for_review(client, interview):
    client.post(interview.subpage_url("ask"), _data())

    assert Question.objects.get().status == Question.Status.PENDING


def test_the_phone_is_stored_tidy(client, interview):
    client.post(interview.subpage_url("ask"), _data())

    assert Question.objects.get().phone == "13812345678"


def test_the_receipt_shows_the_question(client, interview):
    response = client.post(interview.subpage_url("ask"), _data(), follow=True)

    assert "灵活就业人员社保补贴怎么申请？" in response.content.decode()


def test_a_form_sent_twice_makes_one_question(client, interview):
    client.post(interview.subpage_url("ask"), _data())
    client.post(interview.subpage_url("ask"), _data())

    assert Question.objects.count() == 1


def test_a_wrong_phone_says_why_and_keeps_the_text(client, interview):
    response = client.post(interview.subpage_url("ask"), _data(phone="12345"))

    html = response.content.decode()
    assert response.status_code == 400 and "电话号码不对" in html and "灵活就业人员社保补贴怎么申请？" in html


def test_a_robot_filling_the_honeypot_stores_nothing(client, interview):
    client.post(interview.subpage_url("ask"), _data(homepage="http://spam.example"))

    assert not Question.objects.exists()


def test_too_many_questions_from_one_address_are_refused(client, interview, settings):
    settings.INTERVIEW_QUESTIONS_PER_IP_HOUR = 1
    client.post(interview.subpage_url("ask"), _data())

    response = client.post(interview.subpage_url("ask"), _data(submission_key="m" * 32))

    assert response.status_code == 429


def test_an_ended_interview_takes_no_questions(client, column):
    interview = InterviewPageFactory(parent=column, starts_in=timedelta(days=-2))

    client.post(interview.subpage_url("ask"), _data())

    assert not Question.objects.exists()


def test_the_receipt_is_only_for_the_browser_that_asked(client, interview):
    question = Question.objects.create(interview=interview, text="别人的问题", name="李")

    response = client.get(interview.subpage_url("asked") + f"?q={question.pk}")

    assert response.status_code == 302
