"""The demo county's life events and 办事指南 (content in content/services.py). Idempotent.

Called from ``DemoLoader.run()`` after the units are provisioned (each unit then has its
"办事指南" column). Guides already present (by slug) are left alone.
"""

from datetime import timedelta

from django.utils import timezone
from wagtail.models import Page, PageLogEntry

from townsquare.services.models import (
    GuideLegalBasis,
    GuideMaterial,
    GuideQuestion,
    GuideStep,
    LifeEvent,
    ServiceGuidePage,
    ServiceIndexPage,
)

from .content.services import (
    COUNTY_SUPERVISION,
    DRAFT_GUIDE,
    GUIDES,
    LIFE_EVENTS,
    TOWN_HALL,
    TOWN_SUPERVISION,
    TOWN_TRANSPORT,
)

FIELDS = (
    "summary", "keywords", "applicants", "legal_days", "promised_days", "fee", "fee_standard", "place",
    "window", "office_hours", "transport", "consult_phone", "complaint_phone", "online_url", "visits",
    "incomplete_reason", "for_person", "for_organisation",
)  # fmt: skip
STALE_AGE_DAYS = 420  # older than the one-year SERVICE_GUIDE_STALE_DAYS default


def ensure_life_events(tally):
    events = {}
    for order, (slug, name, icon, hint) in enumerate(LIFE_EVENTS):
        event, created = LifeEvent.objects.get_or_create(
            slug=slug, defaults={"name": name, "icon": icon, "hint": hint, "sort_order": (order + 1) * 10}
        )
        events[slug] = event
        tally.count("人生事件", created)
    return events


def unit_defaults(unit):
    """What a guide says about place, hours and phones when it does not say otherwise: the unit's own."""
    town = unit.slug in TOWN_HALL
    return {
        "place": TOWN_HALL.get(unit.slug, unit.address),
        "office_hours": unit.office_hours,
        "transport": TOWN_TRANSPORT.get(unit.slug, ""),
        "consult_phone": unit.phone,
        "complaint_phone": TOWN_SUPERVISION[unit.slug] if town else COUNTY_SUPERVISION,
    }


def build_guide(spec, unit, events):
    values = unit_defaults(unit)
    values.update({name: spec[name] for name in FIELDS if name in spec})
    guide = ServiceGuidePage(title=spec["title"], slug=spec["slug"], unit=unit, **values)
    if "conditions" in spec:
        guide.conditions = spec["conditions"]
    for row in spec.get("materials", []):
        name, originals, copies, source, *rest = row
        note = rest[0] if rest else ""
        required = rest[1] if len(rest) > 1 else True
        guide.materials.add(
            GuideMaterial(name=name, originals=originals, copies=copies, source=source, note=note, required=required)
        )
    for title, description in spec.get("steps", []):
        guide.steps.add(GuideStep(title=title, description=description))
    for question, answer in spec.get("faqs", []):
        guide.faqs.add(GuideQuestion(question=question, answer=answer))
    for name, article in spec.get("legal", []):
        guide.legal_basis.add(GuideLegalBasis(name=name, article=article))
    guide.life_events = [events[slug] for slug in spec.get("events", [])]
    return guide


def _date(page_pk, when):
    Page.objects.filter(pk=page_pk).update(
        first_published_at=when, last_published_at=when, latest_revision_created_at=when
    )
    Page.objects.get(pk=page_pk).revisions.update(created_at=when)
    PageLogEntry.objects.filter(page_id=page_pk).update(timestamp=when)


def ensure_services(units, homes, now, tally):
    """Life events and every demo guide under its unit's 办事指南 column."""
    events = ensure_life_events(tally)
    indexes = {
        slug: ServiceIndexPage.objects.child_of(home).first() for slug, home in homes.items() if home is not None
    }
    existing = set(ServiceGuidePage.objects.values_list("slug", flat=True))
    for number, spec in enumerate(GUIDES):
        if spec["slug"] in existing:
            tally.count("办事指南", False)
            continue
        unit = units[spec["unit"]]
        guide = build_guide(spec, unit, events)
        stale = spec.get("stale", False)
        when = now - timedelta(days=STALE_AGE_DAYS if stale else 20 + number * 3)
        guide.reviewed_on = timezone.localtime(when).date()
        indexes[spec["unit"]].add_child(instance=guide)
        guide.save_revision().publish()
        _date(guide.pk, when)
        tally.count("办事指南", True)
    if DRAFT_GUIDE["slug"] not in existing:
        draft = build_guide(DRAFT_GUIDE, units[DRAFT_GUIDE["unit"]], events)
        for name in ("place", "office_hours", "transport", "complaint_phone"):
            setattr(draft, name, "")  # the editor has not got to these yet
        draft.live = False
        indexes[DRAFT_GUIDE["unit"]].add_child(instance=draft)
        draft.save_revision()
        tally.count("办事指南草稿", True)


def services_demo_is_complete():
    """True when every demo guide is there (one query); for ``demo_is_complete()``."""
    slugs = [spec["slug"] for spec in GUIDES]
    return ServiceGuidePage.objects.filter(slug__in=slugs).count() == len(slugs)
