"""Rounds in a chosen phase, proposals and votes, for the 民生实事 tests."""

from datetime import timedelta
from itertools import count

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from townsquare.livelihood.models import Phase, ProgressUpdate, Proposal, RoundPage, Vote

from ..factories import PageFactory

DAY = timedelta(days=1)
_keys = count(1)

# Where ``now`` falls, as (days from the proposal period's opening to now): each phase lasts 10 days.
PHASE_OFFSETS = {
    Phase.UPCOMING: -5,
    Phase.PROPOSING: 5,
    Phase.REVIEWING: 15,
    Phase.VOTING: 25,
    Phase.COUNTING: 35,
    Phase.RESULTS: 45,
}


class RoundPageFactory(PageFactory):
    class Meta:
        model = RoundPage

    title = factory.Sequence(lambda n: f"{2027 + n}年县级民生实事项目")
    slug = factory.Sequence(lambda n: f"minsheng-{n}")
    intro = "明年县里办哪些实事，由您来提、由您来选。"


def round_in(phase, parent, now=None, **fields):
    """A live round under ``parent`` whose ``phase`` is the current one at ``now``."""
    now = now or timezone.now()
    start = now - timedelta(days=PHASE_OFFSETS[phase])
    dates = {
        "proposals_open_at": start,
        "proposals_close_at": start + 10 * DAY,
        "voting_opens_at": start + 20 * DAY,
        "voting_closes_at": start + 30 * DAY,
        "results_published_at": start + 40 * DAY if phase in (Phase.COUNTING, Phase.RESULTS) else None,
    }
    if phase == Phase.COUNTING:
        dates["results_published_at"] = None
    return RoundPageFactory(parent=parent, **{**dates, **fields})


class ProposalFactory(DjangoModelFactory):
    class Meta:
        model = Proposal

    title = factory.Sequence(lambda n: f"第{n}个民生项目：村口装路灯")
    description = "村口到学校的路晚上没有灯，孩子上晚自习回家不安全。"
    place = "青禾镇禾丰村"
    estimated_cost = 12
    source = Proposal.Source.RESIDENT
    status = Proposal.Status.APPROVED
    proposer_name = "王秀英"
    proposer_phone = "13900001234"


def vote_for(proposal, person_key=None, slot=1, when=None):
    return Vote.objects.create(
        round=proposal.round,
        proposal=proposal,
        person_key=person_key or f"person-{next(_keys)}",
        slot=slot,
        cast_at=when or timezone.now(),
    )


def progress(proposal, percent, stage=Proposal.Stage.BUILDING, day=None, **fields):
    update = ProgressUpdate(
        proposal=proposal,
        day=day or timezone.localdate(),
        stage=stage,
        percent=percent,
        text=fields.pop("text", "路灯杆已经立起来了。"),
        **fields,
    )
    update.save()
    return update
