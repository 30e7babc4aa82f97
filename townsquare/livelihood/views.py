"""The public side of a round beyond its page: proposing a project, voting, and a chosen project's progress.

Thin: the rules are in ``handling``, the queries in ``public``; the phone/e-mail check is ``core.verification``.
Forms come back with everything typed and a Chinese message; double submits make one proposal, one set of votes.
"""

import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DatabaseError, IntegrityError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone

from townsquare.core import pagecache, ratelimit, verification
from townsquare.core.forms import new_submission_key, submission_key
from townsquare.core.ratelimit import DAY, HOUR

from . import handling, public
from .forms import BallotForm, ProposalForm
from .models import Phase

logger = logging.getLogger(__name__)

PURPOSE = "livelihood"  # the verification's purpose: one check a visit for every round


def _render(request, round_page, template, context, status=200):
    context = {"page": round_page, "self": round_page, "unit": round_page.unit, **context}
    response = TemplateResponse(request, f"livelihood/{template}", context, status=status)
    if status == 429:
        response["Retry-After"] = str(HOUR)
    return response


# --- proposing -----------------------------------------------------------------------------------------------


def propose(request, round_page):
    now = timezone.now()
    open_now = round_page.phase(now) == Phase.PROPOSING
    if request.method != "POST" or not open_now:
        if request.GET.get("sent") == "1":
            return _render(request, round_page, "proposed.html", {})
        form = ProposalForm() if open_now else None
        return _render(request, round_page, "propose.html", {"form": form, "submission_key": new_submission_key()})
    form = ProposalForm(request.POST)
    key = submission_key(form.data)

    def again(status, notice=""):
        return _render(
            request, round_page, "propose.html", {"form": form, "submission_key": key, "notice": notice}, status
        )

    if form.is_robot:
        form.clear_honeypot()
        return again(400, "没有提交成功，请再点一次“提交提议”。")
    if handling.already_proposed(key) is not None:  # sent twice: the first one stands
        return HttpResponseRedirect(round_page.url + "tiyi/?sent=1")
    if not form.is_valid():
        return again(400)
    ip, contact = ratelimit.client_ip(request), form.contact()
    if ratelimit.reached("livelihood-propose", ip, settings.LIVELIHOOD_PROPOSALS_PER_IP_HOUR, HOUR):
        return again(429, "这个网络一小时内提交的提议太多了，请过一小时再提交。您填的内容都还在。")
    if ratelimit.reached("livelihood-propose-contact", contact, settings.LIVELIHOOD_PROPOSALS_PER_CONTACT_DAY, DAY):
        limit = settings.LIVELIHOOD_PROPOSALS_PER_CONTACT_DAY
        return again(429, f"同一个联系方式一天最多提交{limit}条提议，请明天再提交。您填的内容都还在。")
    try:
        handling.propose(round_page, form.proposal_fields(), submission_key=key, now=now)
    except ValidationError as error:
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
        return again(400)
    except (IntegrityError, DatabaseError):
        if handling.already_proposed(key) is None:
            logger.exception("a 民生实事 proposal could not be stored")
            return again(503, "系统暂时出了故障，提议没有保存。您填的内容都还在，请过几分钟再提交。")
    ratelimit.hit("livelihood-propose", ip, HOUR)
    ratelimit.hit("livelihood-propose-contact", contact, DAY)
    return HttpResponseRedirect(round_page.url + "tiyi/?sent=1")


# --- voting --------------------------------------------------------------------------------------------------


def vote(request, round_page):
    pagecache.do_not_cache()  # the ballot shows this visitor's own votes
    now = timezone.now()
    phase = round_page.phase(now)
    person = verification.verified_person(request, PURPOSE)
    proposals = list(round_page.public_proposals().order_by("title", "pk")) if phase == Phase.VOTING else []
    voted = handling.my_votes(round_page, person)
    posted = request.method == "POST" and phase == Phase.VOTING
    ballot = BallotForm(request.POST if posted else None, proposals=proposals, voted=voted)
    check = verification.VerificationForm(request.POST if posted and not person else None)
    context = {"phase": phase, "proposals": proposals, "voted": voted, "ballot": ballot, "check": check}
    context.update(
        limit=round_page.vote_limit(), left=max(round_page.vote_limit() - len(voted), 0), verified=bool(person)
    )
    if not posted:
        context["counted"] = request.GET.get("counted")
        return _render(request, round_page, "vote.html", context)
    if ratelimit.reached("livelihood-ballot", ratelimit.client_ip(request), settings.LIVELIHOOD_BALLOTS_PER_IP_HOUR):
        context["notice"] = "这个网络一小时内投票太多了，请过一小时再试。"
        return _render(request, round_page, "vote.html", context, status=429)
    if person is None:
        outcome = verification.process(request, check, PURPOSE)
        if outcome == "sent":  # the ticks stay; whether they are right is checked with the code
            ticked = request.POST.getlist("proposals")
            context["ballot"] = BallotForm(initial={"proposals": ticked}, proposals=proposals, voted=voted)
            return _render(request, round_page, "vote.html", {**context, "sent": True})
        if outcome is None:
            return _render(request, round_page, "vote.html", context, status=400)
        person = outcome
        voted = handling.my_votes(round_page, person)
        ballot = BallotForm(request.POST, proposals=proposals, voted=voted)
        context.update(ballot=ballot, voted=voted, verified=True, left=max(round_page.vote_limit() - len(voted), 0))
    if not ballot.is_valid():
        if not ballot.fields["proposals"].choices:
            return _counted(round_page, 0)  # everything already voted for (a resend after the first counted)
        return _render(request, round_page, "vote.html", context, status=400)
    try:
        added = handling.cast(round_page, person, ballot.cleaned_data["proposals"], now=now)
    except ValidationError as error:
        ballot.add_error(None, error)
        return _render(request, round_page, "vote.html", context, status=400)
    except handling.BallotRaced:
        added = 0  # the same ballot sent twice at once: the other one counted
    ratelimit.hit("livelihood-ballot", ratelimit.client_ip(request))
    return _counted(round_page, added)


def _counted(round_page, added):
    return HttpResponseRedirect(f"{round_page.url}toupiao/?counted={added}")


# --- a chosen project's progress -----------------------------------------------------------------------------


def project(request, round_page, pk):
    if not round_page.has_published_results(timezone.now()):
        raise Http404
    proposal = get_object_or_404(
        round_page.proposals.select_related("responsible_unit", "proposing_unit"), pk=pk, chosen=True
    )
    proposal.vote_count = proposal.votes.count()
    return _render(request, round_page, "project.html", public.project_context(round_page, proposal))
