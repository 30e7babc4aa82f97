"""The verbs of a 民生实事 round: a resident proposes, a verified person votes, the year's figures are counted.

Each takes ``now``. Votes are counted by the database: a person's second vote for the same proposal and a vote
beyond the round's limit break a unique constraint (``Vote``), so a double click, a second tab or two ballots
sent at once never count twice nor past the limit — the later ballot is refused as a whole.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone

from .models import Phase, Proposal, RoundPage, Vote

# --- proposals -----------------------------------------------------------------------------------------


def already_proposed(submission_key):
    return Proposal.objects.filter(submission_key=submission_key).first() if submission_key else None


def propose(round_page, fields, *, submission_key=None, now):
    """A resident's proposal, held for moderation. Raises ValidationError outside the proposal period."""
    if round_page.phase(now) != Phase.PROPOSING:
        raise ValidationError("这一轮现在不征集项目提议。")
    proposal = Proposal(
        round=round_page,
        source=Proposal.Source.RESIDENT,
        status=Proposal.Status.PENDING,
        submission_key=submission_key,
        **fields,
    )
    proposal.full_clean(exclude=["round"])
    proposal.save()
    return proposal


def anonymise_closed(before):
    """Residents' names and contacts in the proposals of rounds whose voting closed before ``before`` (hook
    ``townsquare_personal_data``): the proposals, their votes and progress stay."""
    rows = Proposal.objects.filter(source=Proposal.Source.RESIDENT, round__voting_closes_at__lt=before)
    rows = rows.exclude(proposer_name="", proposer_phone="", proposer_email="")
    return rows.update(proposer_name="", proposer_phone="", proposer_email="")


# --- votes ---------------------------------------------------------------------------------------------


class BallotRaced(Exception):
    """Another ballot of the same person was stored at the same moment; this one was not counted."""


def my_votes(round_page, person_key):
    """The ids of the proposals this person voted for in the round."""
    if not person_key:
        return set()
    return set(Vote.objects.filter(round=round_page, person_key=person_key).values_list("proposal_id", flat=True))


def cast(round_page, person_key, proposal_ids, *, now):
    """Votes for the chosen proposals not voted for yet; returns how many were added.

    Raises ValidationError (outside the voting period, nothing chosen, an unknown proposal, over the limit)
    or BallotRaced (another ballot of the same person was stored at the same time: nothing of this one counts).
    """
    if round_page.phase(now) != Phase.VOTING:
        raise ValidationError("现在不是投票时间。")
    wanted = set(proposal_ids)
    if not wanted:
        raise ValidationError("请至少选一个项目。")
    valid = set(
        round_page.proposals.filter(pk__in=wanted, status=Proposal.Status.APPROVED).values_list("pk", flat=True)
    )
    if valid != wanted:
        raise ValidationError("选中的项目里有不参加这一轮投票的，请刷新页面后重新选择。")
    limit = round_page.vote_limit()
    try:
        with transaction.atomic():
            mine = my_votes(round_page, person_key)
            new = sorted(wanted - mine)
            if len(mine) + len(new) > limit:
                left = max(limit - len(mine), 0)
                raise ValidationError(f"每人最多投{limit}个项目，您还可以投{left}个，请减少一些再提交。")
            Vote.objects.bulk_create(
                Vote(round=round_page, proposal_id=pk, person_key=person_key, slot=len(mine) + n, cast_at=now)
                for n, pk in enumerate(new, start=1)
            )
    except IntegrityError as error:
        raise BallotRaced from error
    return len(new)


# --- results -------------------------------------------------------------------------------------------


def ranked(round_page):
    """Approved proposals, most votes first, with ``vote_count`` and ``rank`` (equal votes share a rank)."""
    rows = list(round_page.public_proposals())
    previous, rank = None, 0
    for position, row in enumerate(rows, start=1):
        if row.vote_count != previous:
            rank, previous = position, row.vote_count
        row.rank = rank
    return rows


def voters(round_page):
    """How many different people voted in the round."""
    return Vote.objects.filter(round=round_page).values("person_key").distinct().count()


# --- the annual report (国办函〔2018〕12号, 互动交流 · 征集调查) --------------------------------------------------


def annual_figures(unit, start, end):
    """A round whose voting opened in the year is one 征集调查期数; residents' proposals received and votes cast in
    the year are 收到意见数量; a round whose results were published in the year is one 公布调查结果期数."""
    rounds = RoundPage.objects.live()
    proposals = Proposal.objects.filter(source=Proposal.Source.RESIDENT, created_at__gte=start, created_at__lt=end)
    votes = Vote.objects.filter(cast_at__gte=start, cast_at__lt=end)
    if unit is not None:
        rounds = rounds.filter(unit=unit)
        proposals = proposals.filter(round__unit=unit)
        votes = votes.filter(round__unit=unit)
    published_by = min(end, timezone.now())  # results dated later are not out yet
    counted = rounds.aggregate(
        opened=Count("pk", filter=Q(voting_opens_at__gte=start, voting_opens_at__lt=end)),
        published=Count("pk", filter=Q(results_published_at__gte=start, results_published_at__lt=published_by)),
    )
    return {
        "survey_rounds": counted["opened"],
        "survey_opinions": proposals.count() + votes.count(),
        "survey_results": counted["published"],
    }
