"""A resident answers a survey: one response per person, branching decided on the server, nothing typed lost."""

import pytest

from townsquare.surveys.models import SurveyAnswer, SurveyResponse
from townsquare.surveys.responding import TOKEN_COOKIE

from .factories import answers_data, make_survey

pytestmark = pytest.mark.django_db

KEY = "k" * 32


def full_answers(survey, **extra):
    return {"submission_key": KEY, **answers_data(survey, q1="每天坐", q2=["班次更密", "站台加雨棚"], q3="4", **extra)}


def test_the_survey_page_shows_every_question(client, county):
    survey = make_survey(county.town_a.home)
    page = client.get(survey.url).content.decode()
    assert all(text in page for text in ("您平时坐公交吗？", "最希望改进哪些？", "不坐因为？", "其他意见"))


def test_the_page_takes_a_bounded_number_of_queries(client, county, django_assert_max_num_queries):
    survey = make_survey(county.town_a.home)
    with django_assert_max_num_queries(20):
        assert client.get(survey.url).status_code == 200


def test_a_conditional_question_says_when_to_answer_it(client, county):
    survey = make_survey(county.town_a.home)
    assert "仅当第1题选“不坐”时回答" in client.get(survey.url).content.decode()


def test_a_response_stores_a_row_per_chosen_option(client, county):
    survey = make_survey(county.town_a.home)
    client.post(survey.url, full_answers(survey))
    stored = SurveyAnswer.objects.values_list("choice", flat=True)
    assert sorted(stored) == sorted(["4", "站台加雨棚", "每天坐", "班次更密"])


def test_after_answering_the_resident_is_thanked(client, county):
    survey = make_survey(county.town_a.home)
    response = client.post(survey.url, full_answers(survey))
    assert response["Location"] == survey.url + "xiexie/"


def test_a_light_survey_gives_the_browser_a_token(client, county):
    survey = make_survey(county.town_a.home)
    response = client.post(survey.url, full_answers(survey))
    assert response.cookies[TOKEN_COOKIE]["httponly"]


def test_the_same_browser_is_refused_a_second_response(client, county):
    survey = make_survey(county.town_a.home)
    client.post(survey.url, full_answers(survey))
    client.post(survey.url, full_answers(survey) | {"submission_key": "m" * 32})
    assert SurveyResponse.objects.count() == 1


def test_a_second_visit_says_it_was_answered_already(client, county):
    survey = make_survey(county.town_a.home)
    client.post(survey.url, full_answers(survey))
    assert "您已经参加过这次调查了" in client.get(survey.url).content.decode()


def test_a_double_submit_creates_one_response(client, county):
    survey = make_survey(county.town_a.home)
    client.post(survey.url, full_answers(survey))
    client.cookies.clear()
    client.post(survey.url, full_answers(survey))
    assert SurveyResponse.objects.count() == 1


def test_a_missing_required_answer_is_asked_for_in_chinese(client, county):
    survey = make_survey(county.town_a.home)
    data = full_answers(survey)
    del data[next(name for name in data if name != "submission_key")]
    response = client.post(survey.url, data)
    assert response.status_code == 400 and "请回答这一题。" in response.content.decode()


def test_what_was_typed_comes_back_with_the_error(client, county):
    survey = make_survey(county.town_a.home)
    data = {**answers_data(survey, q1="每天坐", q5="末班车太早了"), "submission_key": KEY}
    assert "末班车太早了" in client.post(survey.url, data).content.decode()


def test_a_conditional_question_is_required_when_its_choice_is_made(client, county):
    survey = make_survey(county.town_a.home)
    data = full_answers(survey) | answers_data(survey, q1="不坐")
    assert client.post(survey.url, data).status_code == 400


def test_a_conditional_answer_is_dropped_when_its_choice_is_not_made(client, county):
    survey = make_survey(county.town_a.home)
    client.post(survey.url, full_answers(survey, q4="太远"))
    assert not SurveyAnswer.objects.filter(choice="太远").exists()


def test_a_closed_survey_shows_no_form(client, county):
    from django.utils import timezone

    survey = make_survey(county.town_a.home, closes_at=timezone.now())
    page = client.get(survey.url).content.decode()
    assert "调查已经结束" in page and 'name="submission_key"' not in page


def test_a_closed_survey_takes_no_response(client, county):
    from django.utils import timezone

    survey = make_survey(county.town_a.home, closes_at=timezone.now())
    client.post(survey.url, full_answers(survey))
    assert not SurveyResponse.objects.exists()


def test_light_surveys_are_limited_per_address(client, county, settings):
    settings.SURVEY_BROWSER_RESPONSES_PER_IP_HOUR = 1
    survey = make_survey(county.town_a.home)
    client.post(survey.url, full_answers(survey))
    client.cookies.clear()
    response = client.post(survey.url, full_answers(survey) | {"submission_key": "m" * 32})
    assert response.status_code == 429


def test_a_robot_filling_the_honeypot_stores_nothing(client, county):
    survey = make_survey(county.town_a.home)
    client.post(survey.url, full_answers(survey) | {"homepage": "http://spam"})
    assert not SurveyResponse.objects.exists()


def test_one_visitors_answered_page_is_not_served_to_the_next(client, county):
    from django.test import Client

    survey = make_survey(county.town_a.home)
    client.post(survey.url, full_answers(survey))
    client.get(survey.url)
    assert 'name="submission_key"' in Client().get(survey.url).content.decode()


def test_the_county_list_takes_a_bounded_number_of_queries(client, county, django_assert_max_num_queries):
    from .factories import survey_index

    make_survey(county.town_a.home)
    make_survey(county.town_b.home)
    index = survey_index(county.home)
    with django_assert_max_num_queries(20):
        page = client.get(index.url).content.decode()
    assert page.count("公交线路调整意见调查") == 2
