"""Votes: one per person and proposal, at most the round's limit, only while voting is open; the database decides."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from townsquare.livelihood import handling
from townsquare.livelihood.models import Phase, Proposal, Vote

from .factories import ProposalFactory, round_in, vote_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def voting(county):
    return round_in(Phase.VOTING, county.home)


def _now():
    from django.utils import timezone

    return timezone.now()


def test_a_ballot_counts_one_vote_for_each_chosen_proposal(voting):
    proposals = ProposalFactory.create_batch(3, round=voting)

    handling.cast(voting, "person-a", [p.pk for p in proposals[:2]], now=_now())

    assert sorted(Vote.objects.values_list("proposal_id", flat=True)) == sorted(p.pk for p in proposals[:2])


def test_the_same_ballot_sent_again_adds_nothing(voting):
    proposal = ProposalFactory(round=voting)
    handling.cast(voting, "person-a", [proposal.pk], now=_now())

    assert handling.cast(voting, "person-a", [proposal.pk], now=_now()) == 0


def test_more_votes_than_the_round_allows_are_refused_as_a_whole(voting):
    voting.votes_per_person = 2
    voting.save()
    proposals = ProposalFactory.create_batch(3, round=voting)

    with pytest.raises(ValidationError, match="最多投2个"):
        handling.cast(voting, "person-a", [p.pk for p in proposals], now=_now())


def test_the_limit_defaults_to_the_setting(voting, settings):
    settings.LIVELIHOOD_VOTES_PER_PERSON = 1
    first, second = ProposalFactory.create_batch(2, round=voting)
    handling.cast(voting, "person-a", [first.pk], now=_now())

    with pytest.raises(ValidationError, match="还可以投0个"):
        handling.cast(voting, "person-a", [second.pk], now=_now())


def test_the_database_refuses_a_second_vote_for_the_same_proposal(voting):
    proposal = ProposalFactory(round=voting)
    vote_for(proposal, "person-a", slot=1)

    with pytest.raises(IntegrityError), transaction.atomic():
        vote_for(proposal, "person-a", slot=2)


def test_the_database_refuses_two_votes_in_the_same_slot(voting):
    """Two ballots of one person stored at once both take the next slot: one of them is refused."""
    first, second = ProposalFactory.create_batch(2, round=voting)
    vote_for(first, "person-a", slot=1)

    with pytest.raises(IntegrityError), transaction.atomic():
        vote_for(second, "person-a", slot=1)


def test_a_ballot_that_loses_the_race_is_reported_and_not_counted(voting, monkeypatch):
    first, second = ProposalFactory.create_batch(2, round=voting)
    vote_for(first, "person-a", slot=1)
    monkeypatch.setattr(handling, "my_votes", lambda round_page, key: set())  # as if read before the other

    with pytest.raises(handling.BallotRaced):
        handling.cast(voting, "person-a", [second.pk], now=_now())


def test_votes_outside_the_voting_period_are_refused(county):
    closed = round_in(Phase.COUNTING, county.home)
    proposal = ProposalFactory(round=closed)

    with pytest.raises(ValidationError, match="不是投票时间"):
        handling.cast(closed, "person-a", [proposal.pk], now=_now())


def test_a_proposal_not_approved_cannot_be_voted_for(voting):
    pending = ProposalFactory(round=voting, status=Proposal.Status.PENDING)

    with pytest.raises(ValidationError, match="不参加这一轮投票"):
        handling.cast(voting, "person-a", [pending.pk], now=_now())


def test_results_rank_by_votes_with_equal_votes_sharing_a_rank(voting):
    a, b, c = ProposalFactory.create_batch(3, round=voting)
    for n, proposal in enumerate([a, a, b, c]):
        vote_for(proposal, f"person-{n}", slot=1)

    assert [(row.pk, row.rank) for row in handling.ranked(voting)][:1] == [(a.pk, 1)]
    assert {row.rank for row in handling.ranked(voting)[1:]} == {2}
