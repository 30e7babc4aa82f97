"""What the public 政府信息公开 section shows: its parts, the unit's 公开目录 with filters, the 标准目录 areas.

A fixed number of queries whatever the number of entries: entries with their pages and unit in one
query, the policies' own facts in one more, the page counted once, the filters' choices in one each.
"""

from django.core.paginator import Paginator
from wagtail.models import Page

from townsquare.core import pagecache
from townsquare.publishing.models import LIST_PAGE_SIZE, PolicyTopic

from .choices import Area, Category
from .models import AppliedArea, CatalogueEntry, DisclosureItemPage, StandardItem, attach_policy_facts

# The categories shown as the section's 法定主动公开内容, in this order (reports have their own part).
ACTIVE_CATEGORIES = [choice for choice in Category if choice != Category.REPORT]


def _choice(value, choices):
    return value if value in {str(choice) for choice in choices} else ""


def catalogue(unit, filters):
    """The unit's live catalogue entries, newest first, narrowed by ``filters`` (already validated)."""
    entries = CatalogueEntry.objects.filter(unit=unit, page__live=True).select_related("page", "unit")
    if filters.get("category"):
        entries = entries.filter(category=filters["category"])
    if filters.get("topic"):
        entries = entries.filter(topic=filters["topic"])
    if filters.get("area"):
        entries = entries.filter(area=filters["area"])
    if filters.get("year"):
        entries = entries.filter(year=filters["year"])
    return entries.order_by("-published_on", "-sequence")


def read_filters(params, years, areas):
    year = params.get("year", "")
    return {
        "category": _choice(params.get("category", ""), Category),
        "topic": _choice(params.get("topic", ""), PolicyTopic),
        "area": _choice(params.get("area", ""), areas),
        "year": int(year) if year.isdigit() and int(year) in years else None,
    }


def standard_areas(unit, today=None):
    """The 标准目录 areas the county applied to ``unit``, each with its items and their states."""
    applied = list(AppliedArea.objects.filter(unit=unit).values_list("area", flat=True))
    items = list(StandardItem.with_pages().filter(unit=unit))
    rows = []
    for area in Area:
        if area not in applied:
            continue
        mine = [(item, item.status(today)) for item in items if item.area == area]
        rows.append({"area": area, "items": mine, "published": sum(1 for _, s in mine if s.is_published)})
    return rows


def section_context(section, request):
    unit = section.nearest_unit()
    pagecache.depends_on(pagecache.type_tag(Page))  # entries list pages from anywhere in the unit's part of the tree
    years = sorted(
        set(CatalogueEntry.objects.filter(unit=unit, page__live=True).values_list("year", flat=True)), reverse=True
    )
    areas = standard_areas(unit) if unit.is_town_level else []
    filters = read_filters(request.GET, years, [row["area"] for row in areas])
    paginator = Paginator(catalogue(unit, filters), LIST_PAGE_SIZE)
    page_obj = paginator.get_page(request.GET.get("page"))
    page_obj.object_list = attach_policy_facts(page_obj.object_list)
    # The section's fixed parts (指南, 制度, 依申请公开, 年度报告); its own items are in the catalogue.
    parts = list(Page.objects.child_of(section).live().not_type(DisclosureItemPage).order_by("path"))
    return {
        "unit": unit,
        "parts": parts,
        "categories": ACTIVE_CATEGORIES,
        "topics": list(PolicyTopic),
        "years": years,
        "areas": areas,
        "filters": filters,
        "filtered": any(filters.values()),
        "page_obj": page_obj,
        "other_sections": other_sections(section),
    }


def other_sections(section):
    """Every other unit's 政府信息公开 section, for the unit switcher (one query)."""
    from townsquare.publishing.models import HomePage, UnitHomePage

    from .models import DisclosureIndexPage

    pagecache.depends_on(pagecache.type_tag(DisclosureIndexPage))
    names = {}
    for model in (HomePage, UnitHomePage):
        names.update(model.objects.values_list("path", "unit__name"))
    sections = list(DisclosureIndexPage.objects.live().exclude(pk=section.pk).order_by("path"))
    return [(names.get(other.path[: -other.steplen], other.title), other) for other in sections]
