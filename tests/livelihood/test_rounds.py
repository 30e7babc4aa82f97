"""A round's phase follows its dates; dates out of order are refused with a Chinese message."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from townsquare.livelihood.models import Phase

from .factories import round_in

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("phase", list(Phase))
def test_the_phase_follows_the_dates(county, phase):
    assert round_in(phase, county.home).phase(timezone.now()) == phase


def test_voting_cannot_start_before_proposals_close(county):
    page = round_in(Phase.PROPOSING, county.home)
    page.voting_opens_at = page.proposals_close_at - timedelta(days=1)

    with pytest.raises(ValidationError, match="征集截止之后"):
        page.clean()


def test_a_round_takes_the_unit_of_the_home_it_is_under(county):
    assert round_in(Phase.VOTING, county.town_a.home).unit == county.town_a.unit


def test_a_round_may_set_its_own_vote_limit(county):
    assert round_in(Phase.VOTING, county.home, votes_per_person=3).vote_limit() == 3
