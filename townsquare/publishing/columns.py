"""What a county column lists: the whole county's items of its kind, filterable by unit.

The county home's 通知公告, 公示公告, 政务动态 ... gather the live items of their kind from every
column below the county home: the county's own and every town's and department's. Each item
belongs to its 发布单位, or, when that is blank, to the unit whose home holds it. All of it takes
a fixed number of queries, however many items and units there are.
"""

from django.db.models import Q
from django.db.models.functions import Substr

from townsquare.units.models import Unit

from .models import UnitHomePage

# How the unit filter groups its choices, in this order.
UNIT_GROUPS = [
    ("", {Unit.Kind.COUNTY}),
    ("乡镇（街道）", {Unit.Kind.TOWN, Unit.Kind.STREET}),
    ("县直部门", {Unit.Kind.DEPARTMENT}),
    ("村（社区）", {Unit.Kind.VILLAGE}),
]


class CountyColumn:
    """A typed column of the county home, seen as a list of the whole county's items."""

    def __init__(self, home, items):
        self.home = home
        self.items = items  # the live items of the column's kind below ``home``, newest first
        self._top_length = len(home.path) + home.steplen
        # Paths and units only: loading the unit homes as pages cost more than the rest of the column.
        homes = list(UnitHomePage.objects.child_of(home).values_list("path", "unit_id"))
        units = Unit.objects.in_bulk({unit_id for _, unit_id in homes})
        self.unit_homes = {path: units[unit_id] for path, unit_id in homes}

    def _with_top(self, queryset):
        """``queryset`` annotated with ``top``: the path of the county home's child that holds each item."""
        return queryset.annotate(top=Substr("path", 1, self._top_length))

    def _home_unit(self, top):
        return self.unit_homes.get(top, self.home.unit)

    def _held_by(self, unit):
        """Items without a 发布单位 that sit below ``unit``'s home (the county's: below none of the unit homes)."""
        if unit.pk == self.home.unit_id:
            return Q(unit__isnull=True) & ~Q(top__in=list(self.unit_homes))
        paths = [path for path, owner in self.unit_homes.items() if owner.pk == unit.pk]
        return Q(unit__isnull=True, top__in=paths)

    def of_unit(self, unit):
        """Only ``unit``'s items: those it published, and those without a 发布单位 in its columns."""
        return self._with_top(self.items).filter(Q(unit=unit) | self._held_by(unit))

    def unit_choices(self):
        """The units that have items here, grouped for the filter: [(group label, [unit, ...]), ...]."""
        rows = self._with_top(self.items).prefetch_related(None).order_by().values_list("unit_id", "top").distinct()
        ids = {unit_id or self._home_unit(top).pk for unit_id, top in rows}
        units = list(Unit.objects.filter(pk__in=ids).order_by("sort_order", "name"))
        groups = [(label, [unit for unit in units if unit.kind in kinds]) for label, kinds in UNIT_GROUPS]
        return [(label, members) for label, members in groups if members]

    def chosen(self, slug, choices):
        """The unit among ``choices`` whose slug is ``slug``, or None (no filter)."""
        return next((unit for _, units in choices for unit in units if unit.slug == slug), None) if slug else None

    def name_units(self, items):
        """Give items without a 发布单位 their home unit, so that every card names who published it."""
        for item in items:
            if item.unit_id is None:
                item.unit = self._home_unit(item.path[: self._top_length])
        return items
