"""A survey counted by verified phone or e-mail: the code is asked for without losing the answers."""

import re

import pytest

from townsquare.core.verification import person_key
from townsquare.surveys.models import SurveyPage, SurveyResponse

from .factories import answers_data, make_survey

pytestmark = pytest.mark.django_db

KEY = "v" * 32


@pytest.fixture
def survey(county):
    return make_survey(county.town_a.home, identity=SurveyPage.Identity.VERIFIED)


def answers(survey):
    return {"submission_key": KEY, **answers_data(survey, q1="每天坐", q2=["班次更密"], q3="5", q5="多开早班车")}


def ask_code(client, survey, smtp_server, count=1):
    client.post(survey.url, answers(survey) | {"contact": "li@example.com", "verify": "send"})
    return re.search(r"验证码是：(\d{6})", smtp_server.wait_for(count)[-1].get_content()).group(1)


def test_the_form_asks_for_a_phone_or_e_mail(client, survey):
    assert "手机号码或电子邮箱" in client.get(survey.url).content.decode()


def test_asking_for_a_code_keeps_the_answers(client, survey, smtp_server):
    response = client.post(survey.url, answers(survey) | {"contact": "li@example.com", "verify": "send"})
    page = response.content.decode()
    assert "验证码已发出" in page and "多开早班车" in page and "请回答这一题" not in page


def test_the_right_code_stores_the_response(client, survey, smtp_server):
    code = ask_code(client, survey, smtp_server)
    client.post(survey.url, answers(survey) | {"contact": "li@example.com", "code": code})
    assert SurveyResponse.objects.filter(survey=survey).count() == 1


def test_the_response_keeps_neither_the_contact_nor_its_person_key(client, survey, smtp_server):
    code = ask_code(client, survey, smtp_server)
    client.post(survey.url, answers(survey) | {"contact": "li@example.com", "code": code})
    stored = SurveyResponse.objects.get().respondent_key
    assert "li@" not in stored and stored != person_key("li@example.com")


def test_a_wrong_code_stores_nothing_and_says_why(client, survey, smtp_server):
    code = ask_code(client, survey, smtp_server)
    wrong = f"{(int(code) + 1) % 1000000:06d}"
    response = client.post(survey.url, answers(survey) | {"contact": "li@example.com", "code": wrong})
    assert "验证码不对" in response.content.decode() and not SurveyResponse.objects.exists()


def test_the_same_person_is_refused_a_second_response(client, survey, smtp_server):
    from django.test import Client

    code = ask_code(client, survey, smtp_server)
    client.post(survey.url, answers(survey) | {"contact": "li@example.com", "code": code})
    other = Client()
    code = ask_code(other, survey, smtp_server, 2)
    response = other.post(
        survey.url, answers(survey) | {"contact": "LI@example.com", "code": code, "submission_key": "w" * 32}
    )
    assert "您已经参加过这次调查了" in response.content.decode()
    assert SurveyResponse.objects.count() == 1
