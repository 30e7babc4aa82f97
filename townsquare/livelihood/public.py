"""What the public pages of a round read: bounded queries, never a resident's name or contact."""

from django.db.models import Prefetch
from django.utils import timezone
from wagtail.images.models import Image

from . import handling
from .models import Phase, Proposal

PHOTO_RENDITION = "max-960x640"


def round_context(round_page, request, now=None):
    """The round page: its phase and dates, the proposals (with counts and ranks once they are shown), and the
    chosen projects with their progress once the results are out."""
    now = now or timezone.now()
    phase = round_page.phase(now)
    shows_counts = round_page.shows_counts(now)
    proposals = handling.ranked(round_page) if phase != Phase.UPCOMING else []
    if not shows_counts:
        proposals.sort(key=lambda row: (row.title, row.pk))
    chosen = [row for row in proposals if row.chosen] if phase == Phase.RESULTS else []
    return {
        "now": now,
        "phase": phase,
        "phase_label": Phase(phase).label,
        "proposals": proposals,
        "shows_counts": shows_counts,
        "chosen": chosen,
        "voters": handling.voters(round_page) if shows_counts else None,
        "vote_limit": round_page.vote_limit(),
        "unit": round_page.unit,
    }


def project_context(round_page, proposal):
    """A chosen project's progress page: the latest stage and percentage, each dated update with its photo."""
    photos = Image.objects.prefetch_renditions(PHOTO_RENDITION)
    updates = list(proposal.updates.prefetch_related(Prefetch("photo", queryset=photos)))
    return {
        "page": round_page,
        "self": round_page,
        "project": proposal,
        "updates": updates,
        "stages": [(value, label, _reached(proposal, value)) for value, label in Proposal.Stage.choices],
        "unit": proposal.responsible_unit,
    }


def _reached(proposal, stage):
    order = list(Proposal.Stage.values)
    return bool(proposal.stage) and order.index(stage) <= order.index(proposal.stage)
