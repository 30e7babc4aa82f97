"""The demo county's 民生实事: this year's round with its results and its projects' progress, next year's voting now.

Called from ``DemoLoader.run()``. Idempotent: each round is found by its slug, each proposal by its title in the
round; votes are added only to a round that has none. Voters are the demo's own keys (no phone, no e-mail);
content in content/livelihood.py.
"""

import hashlib
from datetime import timedelta

from django.db import transaction

from townsquare.livelihood.models import Proposal, RoundPage, Vote
from townsquare.publishing.models import HomePage

from .content.livelihood import FINISHED, PROPOSERS, VOTING
from .content.units import COUNTY
from .dates import moment
from .images import ensure_images


def ensure_livelihood(units, now, tally):
    from .loader import backdate  # the loader imports this module

    images = ensure_images()
    home = HomePage.objects.get(unit=units[COUNTY])
    for spec in (FINISHED, VOTING):
        page = RoundPage.objects.filter(slug=spec["slug"]).first()
        created = page is None
        if created:
            page = _round(home, spec, now)
            backdate(page, min(page.proposals_open_at, now))
        tally.count("民生实事票决", created)
        for n, item in enumerate(spec["proposals"]):
            _proposal(page, item, n, units, now, images, tally)
        for n, item in enumerate(spec.get("held_back", [])):
            _proposal(page, item, n, units, now, images, tally)
        _votes(page, spec, now)


def _round(home, spec, now):
    days = spec["days"]
    opens = {name: moment(now, offset) for name, offset in days.items()}
    results = moment(now, spec["results_days"]) if "results_days" in spec else None
    year = (results or opens["voting_opens"]).year
    words = {**{"y": str(year), "y+1": str(year + 1)}, "results": f"{opens['voting_closes']:%Y年%-m月%-d日}"}
    page = RoundPage(
        title=spec["title"].format(**words),
        slug=spec["slug"],
        intro=spec["intro"],
        proposals_open_at=opens["proposals_open"],
        proposals_close_at=opens["proposals_close"],
        voting_opens_at=opens["voting_opens"],
        voting_closes_at=opens["voting_closes"],
        votes_per_person=spec.get("votes_per_person"),
        results_published_at=results,
        results_note=spec.get("results_note", "").format(**words),
    )
    home.add_child(instance=page)
    page.save_revision().publish()
    return RoundPage.objects.get(pk=page.pk)


def _proposal(page, item, n, units, now, images, tally):
    proposal = Proposal.objects.filter(round=page, title=item["title"]).first()
    tally.count("民生实事提议", proposal is None)
    if proposal is not None:
        return proposal
    resident = item["source"] == "resident"
    chosen = item.get("chosen")
    proposal = Proposal.objects.create(
        round=page,
        title=item["title"],
        description=item["description"],
        place=item.get("place", ""),
        estimated_cost=item.get("cost"),
        source=item["source"],
        status=item.get("status", Proposal.Status.APPROVED),
        moderation_reason=item.get("reason", ""),
        proposing_unit=None if resident else units[item["unit"]],
        proposer_name=PROPOSERS[n % len(PROPOSERS)] if resident else "",
        proposer_phone=f"1390000{n + 3100:04d}" if resident else "",
        responsible_unit=units[chosen["unit"]] if chosen else None,
        chosen=bool(chosen),
    )
    Proposal.objects.filter(pk=proposal.pk).update(created_at=page.proposals_open_at + timedelta(days=1 + n))
    for days, stage, percent, text, picture in (chosen or {}).get("updates", []):
        proposal.updates.create(
            day=moment(now, days).date(), stage=stage, percent=percent, text=text, photo=images.get(picture)
        )
    return proposal


def _votes(page, spec, now):
    """Voter v votes for each proposal whose demo count is above v (each voter within the round's limit)."""
    if Vote.objects.filter(round=page).exists():
        return
    by_title = {p.title: p for p in page.proposals.all()}
    counts = [(by_title[item["title"]], item["votes"]) for item in spec["proposals"]]
    limit = page.vote_limit()
    span = (min(page.voting_closes_at, now) - page.voting_opens_at).total_seconds()
    rows = []
    for voter in range(max(count for _, count in counts)):
        key = hashlib.sha256(f"demo-voter:{page.slug}:{voter}".encode()).hexdigest()
        eligible = [proposal for proposal, count in counts if voter < count]
        start = voter % len(eligible) if len(eligible) > limit else 0  # over the limit: a share for each
        picks = (eligible[start:] + eligible[:start])[:limit]
        when = page.voting_opens_at + timedelta(seconds=span * (voter * 7919 % 1000) / 1000)
        rows += [
            Vote(round=page, proposal=proposal, person_key=key, slot=slot, cast_at=when)
            for slot, proposal in enumerate(picks, start=1)
        ]
    with transaction.atomic():
        Vote.objects.bulk_create(rows, batch_size=1000)
