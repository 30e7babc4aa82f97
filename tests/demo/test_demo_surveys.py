"""The demo county's 调查征集: a finished survey with published results, an open light survey."""

import pytest

from townsquare.surveys.models import SurveyPage

pytestmark = pytest.mark.usefixtures("demo", "db")


def test_the_finished_survey_shows_its_results(client):
    survey = SurveyPage.objects.get(slug="gongjiao-xianlu-diaocha")
    page = client.get(survey.url + "jieguo/").content.decode()
    assert survey.status() == SurveyPage.Status.CLOSED and '共收到 <strong class="num">186</strong> 份答卷' in page


def test_the_open_survey_takes_answers(client):
    survey = SurveyPage.objects.get(slug="nongmao-shichang-gaizao")
    assert survey.is_open() and 'name="submission_key"' in client.get(survey.url).content.decode()


def test_the_county_list_shows_both(client):
    page = client.get("/diaocha/").content.decode()
    assert "城区公交线路调整，听听您的意见" in page and "青禾农贸市场改造，您最关心什么？" in page
