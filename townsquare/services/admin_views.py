"""办事指南完整性: what each guide of the editor's own units lacks, incomplete and stale first."""

from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse

from townsquare.units.models import units_of

from .models import ServiceGuidePage


def can_see_report(user):
    return user.is_active and (user.is_superuser or units_of(user).exists())


def report_rows(user):
    """(guide, missing, stale) for the user's units (everyone's for a superuser), most urgent first."""
    guides = ServiceGuidePage.objects.with_elements().order_by("unit__sort_order", "path")
    if not user.is_superuser:
        guides = guides.filter(unit__in=units_of(user))
    rows = []
    for guide in guides:
        missing = guide.missing_elements()
        rows.append({
            "guide": guide,
            "missing": missing,
            "stale": guide.is_stale(),
            "blocked": bool(missing) and not guide.incomplete_reason.strip(),
        })  # fmt: skip
    rows.sort(key=lambda row: (not row["blocked"], not row["missing"], not row["stale"]))
    return rows


def completeness_report(request):
    if not can_see_report(request.user):
        raise PermissionDenied
    rows = report_rows(request.user)
    context = {
        "rows": rows,
        "blocked": sum(row["blocked"] for row in rows),
        "with_reason": sum(bool(row["missing"]) and not row["blocked"] for row in rows),
        "stale": sum(row["stale"] for row in rows),
    }
    return TemplateResponse(request, "services/admin/completeness_report.html", context)
