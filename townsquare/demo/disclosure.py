"""The demo county's 政务公开 (content in content/disclosure.py). Idempotent.

Called after the demo's pages are made: every unit has its section (provisioning made it), the units get
their fictional 机构代码, the sections get a few items of their own, the towns get 标准目录 areas and items.
The demo dates its pages after publishing them, so the catalogue entries made at publication are dated
again here, and numbered in the order the pages were first published.
"""

from datetime import timedelta

from django.utils import timezone
from wagtail.models import Page

from townsquare.disclosure.indexing import CATALOGUED_MODELS, ensure_entry
from townsquare.disclosure.models import (
    AppliedArea,
    CatalogueEntry,
    DisclosureIndexPage,
    DisclosureItemPage,
    DisclosureReportIndexPage,
    DisclosureReportPage,
    IndexCounter,
    StandardItem,
    StandardItemPage,
)
from townsquare.units.models import credit_code_check, org_code_check

from .content.disclosure import AREAS, BASIS, CODE_BASES, ITEMS, REGION, REPORTS, SECTION_ITEMS
from .dates import DateWords, published


def organization_code(base):
    """A fictional but well-formed 统一社会信用代码: 机关 (11), the region, the 组织机构代码, the check."""
    first17 = f"11{REGION}{base}{org_code_check(base)}"
    return first17 + credit_code_check(first17)


def ensure_codes(units, tally):
    for slug, base in CODE_BASES.items():
        unit = units.get(slug)
        if unit is not None and not unit.organization_code:
            unit.organization_code = organization_code(base)
            unit.save(update_fields=["organization_code"])
            tally.count("机构代码", True)


def _section(home):
    return DisclosureIndexPage.objects.child_of(home).first()


def _backdate(page, when):
    Page.objects.filter(pk=page.pk).update(first_published_at=when, last_published_at=when)


def ensure_section_items(units, homes, now, tally):
    words = DateWords(now)
    for spec in SECTION_ITEMS:
        section = _section(homes[spec["unit"]])
        exists = DisclosureItemPage.objects.filter(slug=spec["slug"]).exists()
        tally.count("主动公开信息", not exists)
        if exists or section is None:
            continue
        page = DisclosureItemPage(
            title=spec["title"].format_map(words),
            slug=spec["slug"],
            category=spec["category"],
            summary=spec["summary"],
            body=[("text", spec["body"].format_map(words))],
        )
        section.add_child(instance=page)
        page.save_revision().publish()
        _backdate(page, published(now, (spec["published"], "10:00")))
    for spec in REPORTS:
        unit = units[spec["unit"]]
        year = timezone.localdate(now).year + spec["year_offset"]
        reports = DisclosureReportIndexPage.objects.child_of(_section(homes[spec["unit"]])).first()
        exists = DisclosureReportPage.objects.filter(year=year, path__startswith=reports.path).exists()
        tally.count("年度报告", not exists)
        if not exists:
            page = DisclosureReportPage(
                title=DisclosureReportPage.default_title(unit, year), slug=f"{year}", year=year, body=spec["body"]
            )
            reports.add_child(instance=page)
            page.save_revision().publish()


def renumber_new_entries():
    """Entries made today for pages the demo dated earlier: numbered again in publication order.

    Only the demo does this (its numbers were never public); it keeps the rule that a number is never
    reused by setting each counter back to the highest number still held.
    """
    stale = [
        entry
        for entry in CatalogueEntry.objects.select_related("page")
        if entry.page.first_published_at and entry.published_on != timezone.localdate(entry.page.first_published_at)
    ]
    if not stale:
        return
    pages = sorted((entry.page for entry in stale), key=lambda page: page.first_published_at)
    CatalogueEntry.objects.filter(pk__in=[entry.pk for entry in stale]).delete()
    for counter in IndexCounter.objects.all():
        held = CatalogueEntry.objects.filter(unit_id=counter.unit_id, year=counter.year).order_by("-sequence").first()
        counter.last = held.sequence if held else 0
        counter.save(update_fields=["last"])
    for page in pages:
        ensure_entry(page.specific)


def ensure_catalogue(tally):
    """Every live catalogued page has its entry (pages published before 政务公开 existed too)."""
    for model in CATALOGUED_MODELS:
        for page in model.objects.live().filter(catalogue_entry__isnull=True).order_by("first_published_at"):
            tally.count("公开目录", ensure_entry(page) is not None)


def ensure_tracker(units, now, tally):
    today = timezone.localdate(now)
    for slug, areas in AREAS.items():
        for area in areas:
            _, created = AppliedArea.objects.get_or_create(unit=units[slug], area=area)
            tally.count("标准目录领域", created)
    for slug, area, title, content, owner, formed_days, page_slug in ITEMS:
        unit = units[slug]
        item, created = StandardItem.objects.get_or_create(
            unit=unit,
            title=title,
            defaults={
                "area": area,
                "content": content,
                "basis": BASIS[area],
                "owner": owner,
                "formed_on": today - timedelta(days=formed_days),
            },
        )
        tally.count("标准目录事项", created)
        page = Page.objects.filter(slug=page_slug).first() if page_slug else None
        if created and page is not None:
            StandardItemPage.objects.create(item=item, page=page)
            formed = min(item.formed_on, timezone.localdate(page.first_published_at))
            StandardItem.objects.filter(pk=item.pk).update(formed_on=formed)
            CatalogueEntry.objects.filter(page=page).update(area=area)


def ensure_disclosure(units, homes, now, tally):
    ensure_codes(units, tally)
    ensure_section_items(units, homes, now, tally)
    renumber_new_entries()
    ensure_catalogue(tally)
    ensure_tracker(units, now, tally)
