"""A veto fails whatever the points: no score that looks like a pass, the county counts its units' vetoes."""

import pytest
from django.urls import reverse
from django.utils import timezone

from townsquare.oversight import views
from townsquare.oversight.checks import run_health_check
from townsquare.oversight.models import UnitScore

from ..helpers import login
from .factories import ago, item_in


@pytest.fixture
def vetoed_run(county):
    """青禾镇's news column has had nothing for 20 days: a veto of the town's own."""
    item_in(county.town_a.section("news"), ago(timezone.now(), 20))
    return run_health_check()


def _row_of(content, place):
    url = reverse("oversight_unit", args=[place.unit.pk])
    start = content.index(f'<a href="{url}">')
    return content[start : content.index("</tr>", start)]


def test_a_vetoed_unit_shows_no_score_that_looks_like_a_pass(client, county, vetoed_run):
    score = UnitScore.objects.get(run=vetoed_run, unit=county.town_a.unit)
    login(client, county.county.head)
    row = _row_of(client.get(reverse("oversight_dashboard")).content.decode(), county.town_a)
    assert "不合格（单项否决）" in row and f"{score.score:.1f}" not in row


def test_the_county_counts_its_units_vetoes(county, vetoed_run):
    units_vetoes = sum(score.vetoes for score in vetoed_run.unit_scores.all())
    assert units_vetoes and vetoed_run.county_vetoes >= units_vetoes


def test_the_trend_draws_a_vetoed_point_as_failing(county, vetoed_run):
    chart = views.trend({county.town_a.unit.pk}, include_county=False)
    assert chart["series"][0]["values"] == [0.0]
