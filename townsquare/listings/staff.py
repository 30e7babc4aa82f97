"""Listings work in the admin: the moderation queue, residents' reports, and the poster's unit.

Who may do what follows ``units.access``: any unit's staff post listings for their unit (approved at
once) and change their unit's own; county staff moderate, i.e. the queue of public submissions
(approve, reject with a reason, edit) and residents' reports (``is_county_staff``).
"""

from django.utils import timezone

from townsquare.units.access import roles_of
from townsquare.units.models import Unit

from .models import LISTING_MODELS, Report, Status


def home_unit(user):
    """The unit a staff member posts for: their first town/department, else the county."""
    units = list(Unit.objects.filter(pk__in=roles_of(user).unit_ids).order_by("sort_order", "pk"))
    return units[0] if units else None


def pending_items(limit=200):
    """Public submissions waiting for moderation, oldest first; verified e-mails marked."""
    items = []
    for model in LISTING_MODELS.values():
        items.extend(model.objects.pending().select_related("town").order_by("created_at")[:limit])
    items.sort(key=lambda item: (not item.email_verified, item.created_at))
    return items[:limit]


def pending_count():
    return sum(model.objects.pending().count() for model in LISTING_MODELS.values())


def open_reports(limit=200):
    reports = list(Report.objects.filter(state=Report.State.OPEN).order_by("created_at")[:limit])
    by_kind = {}
    for report in reports:
        by_kind.setdefault(report.listing_kind, set()).add(report.listing_id)
    found = {}
    for kind, ids in by_kind.items():
        model = LISTING_MODELS.get(kind)
        if model:
            for listing in model.objects.filter(pk__in=ids):
                found[(kind, listing.pk)] = listing
    for report in reports:
        report.target = found.get((report.listing_kind, report.listing_id))
    return reports


def handle_report(report, act, user, now=None):
    """Dismiss a report, or take its listing down (every open report of that listing is then done)."""
    now = now or timezone.now()
    if act == "take_down":
        listing = report.listing
        if listing is not None and listing.status != Status.TAKEN_DOWN:
            listing.take_down(f"经群众举报核实：{report.get_reason_display()}", user=user, now=now)
        Report.objects.filter(
            listing_kind=report.listing_kind, listing_id=report.listing_id, state=Report.State.OPEN
        ).update(state=Report.State.ACTED, handled_at=now, handled_by=user)
    else:
        Report.objects.filter(pk=report.pk).update(state=Report.State.DISMISSED, handled_at=now, handled_by=user)
