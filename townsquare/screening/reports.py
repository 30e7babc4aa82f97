"""What 监管 reads: open findings per unit and kind, and live pages showing an unmasked ID number."""

from collections import defaultdict

from django.db.models import Count

from .admin_views import page_review_url
from .models import Finding


def open_by_unit(unit_ids=None):
    """``[{unit, total, kinds: [(label, count)], pages: [(title, url, live)]}]``, most open findings first."""
    findings = Finding.objects.filter(status=Finding.Status.OPEN)
    if unit_ids is not None:
        findings = findings.filter(unit_id__in=unit_ids)
    labels = dict(Finding.Kind.choices)
    rows = defaultdict(lambda: {"total": 0, "kinds": [], "pages": []})
    for row in findings.values("unit_id", "unit__name", "kind").annotate(n=Count("pk")).order_by("unit__name", "kind"):
        entry = rows[row["unit_id"]]
        entry["unit"] = row["unit__name"] or "（未归属单位）"
        entry["total"] += row["n"]
        entry["kinds"].append((labels.get(row["kind"], row["kind"]), row["n"]))
    pages = findings.values("unit_id", "page_id", "page__title", "page__live").distinct().order_by("page__title")
    for row in pages:
        rows[row["unit_id"]]["pages"].append((row["page__title"], page_review_url(row["page_id"]), row["page__live"]))
    return sorted(rows.values(), key=lambda r: (-r["total"], r["unit"]))


def live_id_numbers(now):
    """``[(page pk, title, path, where, masked)]``: open ID numbers found by ``now`` in what live pages show."""
    return list(
        Finding.objects.filter(
            status=Finding.Status.OPEN, kind=Finding.Kind.ID_NUMBER, live=True, page__live=True, found_at__lte=now
        ).values_list("page_id", "page__title", "page__path", "where", "masked")
    )
