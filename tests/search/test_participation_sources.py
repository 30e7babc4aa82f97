"""Surveys (调查征集) and 民生实事 rounds are found in site search by the words of their introduction."""

import pytest

from tests.livelihood.factories import round_in
from tests.surveys.factories import make_survey
from townsquare.livelihood.models import Phase

pytestmark = pytest.mark.django_db


def test_a_survey_is_found_by_its_introduction(county, find):
    survey = make_survey(county.county.home, intro="菜市场搬迁以后，您买菜方便吗？")
    assert survey.title in find("菜市场搬迁")


def test_a_livelihood_round_is_found_by_its_introduction(county, find):
    round_page = round_in(Phase.VOTING, county.county.home, intro="老旧小区加装电梯，由大家来选先装哪几个小区。")
    assert round_page.title in find("加装电梯")
