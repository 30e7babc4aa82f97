"""The demo county's 民生实事: this year's round with results and progress at several stages, next year's voting."""

import pytest
from django.utils import timezone

from townsquare.demo.content.livelihood import FINISHED, VOTING
from townsquare.livelihood.models import Phase, Proposal, RoundPage

pytestmark = pytest.mark.usefixtures("demo", "db")


def test_this_years_round_has_published_results():
    assert RoundPage.objects.get(slug=FINISHED["slug"]).phase(timezone.now()) == Phase.RESULTS


def test_its_chosen_projects_are_at_several_stages():
    chosen = Proposal.objects.filter(round__slug=FINISHED["slug"], chosen=True)
    assert set(chosen.values_list("stage", flat=True)) >= {"done", "building", "procuring"}


def test_next_years_round_is_voting_now():
    assert RoundPage.objects.get(slug=VOTING["slug"]).phase(timezone.now()) == Phase.VOTING


def test_no_demo_voter_went_over_the_rounds_limit():
    page = RoundPage.objects.get(slug=VOTING["slug"])
    assert max(page.votes.values_list("slot", flat=True)) <= page.vote_limit()


def test_the_results_page_links_a_projects_progress(client):
    page = RoundPage.objects.get(slug=FINISHED["slug"])
    project = page.proposals.filter(chosen=True).first()
    assert f"xiangmu/{project.pk}/" in client.get(page.url).content.decode()
