"""The annual report (12号) counts 民生实事 rounds as 征集调查: rounds, residents' proposals and votes, results."""

from datetime import timedelta

import pytest
from django.utils import timezone

from townsquare.livelihood.handling import annual_figures
from townsquare.livelihood.models import Phase, Proposal
from townsquare.oversight.annual.report import counted_figures

from .factories import ProposalFactory, round_in, vote_for

pytestmark = pytest.mark.django_db


def _year():
    now = timezone.now()
    return now - timedelta(days=400), now + timedelta(days=1)


def test_a_round_counts_as_a_survey_with_its_proposals_votes_and_results(county):
    page = round_in(Phase.RESULTS, county.home)
    proposal = ProposalFactory(round=page)
    ProposalFactory(round=page, source=Proposal.Source.UNIT)
    vote_for(proposal)
    vote_for(proposal)

    assert annual_figures(None, *_year()) == {"survey_rounds": 1, "survey_opinions": 3, "survey_results": 1}


def test_a_units_report_counts_only_its_own_rounds(county):
    ProposalFactory(round=round_in(Phase.RESULTS, county.town_a.home))

    assert annual_figures(county.town_b.unit, *_year())["survey_opinions"] == 0


def test_results_not_out_yet_are_not_counted(county):
    round_in(Phase.COUNTING, county.home)

    assert annual_figures(None, *_year())["survey_results"] == 0


def test_the_report_reads_the_figures_through_the_hook(county):
    round_in(Phase.VOTING, county.home)

    assert counted_figures(timezone.now().year, None, *_year())["survey_rounds"] >= 1
