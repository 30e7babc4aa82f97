"""The 12号 annual report counts surveys opened, responses and published results from the data."""

from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from townsquare.surveys.annual import annual_figures
from townsquare.surveys.models import SurveyPage, SurveyResponse

from .factories import add_response, make_survey

pytestmark = pytest.mark.django_db

START = timezone.make_aware(datetime(2026, 1, 1))
END = timezone.make_aware(datetime(2027, 1, 1))


@pytest.fixture
def survey(county):
    survey = make_survey(county.town_a.home, opens_at=START + timedelta(days=40), closes_at=START + timedelta(days=60))
    for ident in ("a", "b", "c"):
        add_response(survey, ident, [(1, "每天坐", "")])
    SurveyResponse.objects.update(submitted_at=START + timedelta(days=45))
    SurveyPage.objects.filter(pk=survey.pk).update(results_published_at=START + timedelta(days=70))
    return survey


def test_the_county_figures_count_rounds_opinions_and_results(survey):
    assert annual_figures(2026, None, START, END) == {"survey_rounds": 1, "survey_opinions": 3, "survey_results": 1}


def test_a_unit_counts_only_its_own_surveys(county, survey):
    assert annual_figures(2026, county.town_b.unit, START, END)["survey_opinions"] == 0


def test_another_year_counts_nothing(survey):
    later = annual_figures(2027, None, END, END + timedelta(days=365))
    assert later == {"survey_rounds": 0, "survey_opinions": 0, "survey_results": 0}


def test_an_unpublished_draft_is_not_a_round(county):
    make_survey(county.town_a.home, publish=False, opens_at=START + timedelta(days=3))
    assert annual_figures(2026, None, START, END)["survey_rounds"] == 0


def test_the_annual_report_shows_the_counted_opinions(survey):
    from townsquare.oversight.annual.report import build_annual_report

    assert build_annual_report(2026).figure("survey_opinions").display == "3"
