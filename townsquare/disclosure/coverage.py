"""标准目录 coverage per unit: applicable items, published, not yet due, overdue. Read by the admin and 监管."""

from dataclasses import dataclass, field

from django.utils import timezone

from townsquare.units.models import Unit

from .models import AppliedArea, ItemState, StandardItem


@dataclass
class UnitCoverage:
    unit: Unit
    areas: int = 0
    items: int = 0
    published: int = 0
    late: int = 0
    not_due: int = 0
    overdue: list = field(default_factory=list)  # (item, status)

    @property
    def percent(self):
        """Published share of the items whose time has come (not-yet-due items are not counted against)."""
        due = self.items - self.not_due
        return round(100 * self.published / due) if due else 100


def coverage(units=None, today=None):
    """UnitCoverage for each unit with 标准目录 areas (or of ``units``), in the units' order; three queries."""
    today = today or timezone.localdate()
    applied = AppliedArea.objects.all()
    items = StandardItem.with_pages()
    if units is not None:
        ids = [unit.pk for unit in units]
        applied, items = applied.filter(unit_id__in=ids), items.filter(unit_id__in=ids)
    rows = {}
    for area in applied.select_related("unit"):
        rows.setdefault(area.unit_id, UnitCoverage(area.unit)).areas += 1
    for item in items:
        row = rows.setdefault(item.unit_id, UnitCoverage(item.unit))
        row.items += 1
        status = item.status(today)
        if status.is_published:
            row.published += 1
            row.late += status.state == ItemState.LATE
        elif status.state == ItemState.NOT_DUE:
            row.not_due += 1
        else:
            row.overdue.append((item, status))
    return sorted(rows.values(), key=lambda row: (row.unit.sort_order, row.unit.pk))
