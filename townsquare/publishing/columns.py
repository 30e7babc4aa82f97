"""What a county column lists: the whole county's items of its kind, filterable by unit.

The county home's 通知公告, 公示公告, 政务动态 ... gather the live items of their kind from every
column below the county home: the county's own and every town's and department's. Each item
belongs to its 发布单位, or, when that is blank, to the unit whose home holds it. All of it takes
a fixed number of queries, however many items and units there are.
"""

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Q
from django.db.models.functions import Substr
from django.utils import timezone
from django.utils.safestring import mark_safe

from townsquare.core import fragments, pagecache
from townsquare.units.models import Unit

from .models import LIST_PAGE_SIZE, UnitHomePage

COLUMN_ITEMS_TEMPLATE = "publishing/includes/section_items.html"

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

    @staticmethod
    def chosen(slug, choices):
        """The unit among ``choices`` whose slug is ``slug``, or None (no filter)."""
        return next((unit for _, units in choices for unit in units if unit.slug == slug), None) if slug else None

    def name_units(self, items):
        """Give items without a 发布单位 their home unit, so that every card names who published it."""
        for item in items:
            if item.unit_id is None:
                item.unit = self._home_unit(item.path[: self._top_length])
        return items


def unit_choices(column, county_column):
    """The unit filter of a county column, kept until a page below the county home (its parent) changes.
    ``county_column()``: the column as a ``CountyColumn``, built once for the request when needed."""

    def compute():
        return county_column().unit_choices()

    key = f"publishing:column-units:v1:{column.pk}"
    pages = (pagecache.under_tag(column.path[: -column.steplen]),)
    return pagecache.remember(key, compute, settings.PAGE_FRAGMENT_SECONDS, pages=pages)


def listing_html(
    column, request, home=None, county_column=None, chosen=None, show=None, validity=None, show_unit=False
):
    """The column's cards, count and pager for this request's query string, rendered once and kept as a
    fragment until a page in the column's scope changes or a listed 公示 opens or closes (and never past
    midnight). "公示中" is not kept: an opening not listed yet would need a query to foresee. ``home``: for a
    county column, a function giving the county home (its parent), called only when the fragment is built."""
    site = getattr(request, "_wagtail_site", None)

    def compute():
        now = timezone.now()
        county = county_column() if home is not None else None
        items = column.items() if county is None else county.items
        if chosen is not None:
            items = county.of_unit(chosen)
        if show == "current":
            items = items.filter(period_starts__lte=now, period_ends__gte=now)
        if validity:
            items = items.filter(validity=validity)
        page_obj = Paginator(items, LIST_PAGE_SIZE).get_page(request.GET.get("page"))
        page_obj.object_list = list(page_obj.object_list)
        if county is not None:
            county.name_units(page_obj.object_list)
        pagecache.valid_until(_listing_valid_until(page_obj.object_list, now))
        context = {
            "page": column,
            "page_obj": page_obj,
            "show": show,
            "chosen_unit": chosen,
            "county_home": home() if home is not None else None,
            "show_unit": show_unit,
        }
        return fragments.render(COLUMN_ITEMS_TEMPLATE, context, request)

    if show == "current":
        return mark_safe(compute())
    key = f"publishing:column-items:v1:{column.pk}:{getattr(site, 'pk', 0)}:{fragments.query_key(request)}"
    scope_path = column.path[: -column.steplen] if home is not None else column.path
    return mark_safe(
        pagecache.remember(key, compute, settings.PAGE_FRAGMENT_SECONDS, pages=(pagecache.under_tag(scope_path),))
    )


def _listing_valid_until(items, now):
    """When the cards stop being right by the clock alone: a listed 公示 opens or closes, or the day ends."""
    moments = [pagecache.next_midnight(now)]
    for item in items:
        moments += [
            m for m in (getattr(item, "period_starts", None), getattr(item, "period_ends", None)) if m and m > now
        ]
    return min(moments)
