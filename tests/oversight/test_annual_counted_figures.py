"""Figures an app counts from its own data (hook ``townsquare_annual_figures``) replace the ones entered."""

import pytest
from wagtail import hooks

from townsquare.oversight.annual import report as report_module
from townsquare.oversight.annual.figures import FILL_IN
from townsquare.oversight.annual.report import build_annual_report

from .annual_factories import YEAR

pytestmark = pytest.mark.django_db


def _surveys(year, unit, start, end):
    return {"survey_rounds": 2} if year == YEAR and unit is None else {}


def _consultations(year, unit, start, end):
    assert start.year == YEAR - 1 or start.year == YEAR  # the year's bounds in Beijing time
    return {"survey_rounds": 3, "survey_opinions": 41}


def test_counts_from_several_apps_add_up_and_win_over_settings(county, settings):
    settings.ANNUAL_REPORT_FACTS = {str(YEAR): {"survey_rounds": 99}}
    with hooks.register_temporarily("townsquare_annual_figures", _surveys):
        with hooks.register_temporarily("townsquare_annual_figures", _consultations):
            report = build_annual_report(YEAR)

    assert (report.figure("survey_rounds").display, report.figure("survey_opinions").display) == ("5", "41")


def test_without_a_counting_app_the_figure_is_still_to_fill_in(county, monkeypatch):
    # Apps now count these figures (在线访谈 counts interview_rounds): take every counting app away.
    monkeypatch.setattr(report_module, "counted_figures", lambda year, unit, start, end: {})

    assert build_annual_report(YEAR).figure("interview_rounds").display == FILL_IN
