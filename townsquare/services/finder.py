"""Finding a service: by life event, by audience (个人/法人), by unit, and by words.

``search_guides`` is the single place that matches words; a later search app may replace
its body with real Chinese search and every caller follows.
"""

import re
import unicodedata
from dataclasses import dataclass, field

from django.db.models import Count, Q

from townsquare.core import pagecache
from townsquare.units.models import Unit

from .models import LifeEvent, ServiceGuidePage

QUERY_MAX_CHARS = 40
AUDIENCES = {"geren": ("个人", "for_person"), "faren": ("法人", "for_organisation")}
PUNCTUATION = re.compile(r"[\s,，。.;；:：!！?？、/\\|\"'“”‘’()（）【】\[\]《》<>]+")


def normalise_query(text):
    """Full-width to half-width (NFKC), lower case, punctuation to spaces, trimmed to QUERY_MAX_CHARS."""
    text = unicodedata.normalize("NFKC", text or "").lower()
    text = PUNCTUATION.sub(" ", text).strip()
    return text[:QUERY_MAX_CHARS].strip()


def search_guides(queryset, query):
    """Guides whose title, alias words or summary contain every word of the (normalised) query."""
    for word in normalise_query(query).split():
        queryset = queryset.filter(Q(title__icontains=word) | Q(keywords__icontains=word) | Q(summary__icontains=word))
    return queryset


def live_guides():
    """Live guides with what a result card shows (unit, life events), in a fixed number of queries."""
    pagecache.depends_on(pagecache.type_tag(ServiceGuidePage))
    return (
        ServiceGuidePage.objects.live()
        .public()
        .select_related("unit")
        .prefetch_related("life_events")
        .order_by("unit__sort_order", "path")
    )


@dataclass
class Choice:
    key: str
    label: str
    count: int
    icon: str = ""
    hint: str = ""


@dataclass
class Finding:
    """What the finder page shows: the browse choices, the active filters and the results."""

    events: list = field(default_factory=list)
    audiences: list = field(default_factory=list)
    units: list = field(default_factory=list)
    event: Choice | None = None
    audience: Choice | None = None
    unit: Unit | None = None
    query: str = ""
    unknown: list = field(default_factory=list)
    results: object = None

    @property
    def filtered(self):
        return bool(self.event or self.audience or self.unit or self.query)


def find(params, scope_unit=None):
    """Apply the filters in ``params`` (shijian, duixiang, danwei, q) to the live guides.

    Unknown filter values are reported in ``unknown`` (the page says so) and ignored.
    ``scope_unit`` limits everything to one unit (a unit's own 办事指南 column).
    """
    pagecache.depends_on(pagecache.type_tag(ServiceGuidePage))
    base = ServiceGuidePage.objects.live().public()
    if scope_unit is not None:
        base = base.filter(unit=scope_unit)
    finding = Finding()

    event_rows = LifeEvent.objects.annotate(
        n=Count("guides", filter=Q(guides__in=base.values("pk")), distinct=True)
    ).order_by("sort_order", "id")
    finding.events = [Choice(e.slug, e.name, e.n, e.icon, e.hint) for e in event_rows]
    finding.audiences = [
        Choice(key, label, base.filter(**{flag: True}).count()) for key, (label, flag) in AUDIENCES.items()
    ]
    if scope_unit is None:
        finding.units = list(
            Unit.objects.filter(service_guides__in=base.values("pk"))
            .annotate(n=Count("service_guides", distinct=True))
            .order_by("sort_order", "id")
        )

    results = live_guides().filter(pk__in=base.values("pk"))
    slug = (params.get("shijian") or "").strip()
    if slug:
        finding.event = next((choice for choice in finding.events if choice.key == slug), None)
        if finding.event is None:
            finding.unknown.append("人生事件")
        else:
            results = results.filter(life_events__slug=slug)
    audience = (params.get("duixiang") or "").strip()
    if audience:
        finding.audience = next((choice for choice in finding.audiences if choice.key == audience), None)
        if finding.audience is None:
            finding.unknown.append("服务对象")
        else:
            results = results.filter(**{AUDIENCES[audience][1]: True})
    unit_slug = (params.get("danwei") or "").strip()
    if unit_slug and scope_unit is None:
        finding.unit = next((unit for unit in finding.units if unit.slug == unit_slug), None)
        if finding.unit is None:
            finding.unknown.append("办理单位")
        else:
            results = results.filter(unit=finding.unit)
    finding.query = normalise_query(params.get("q"))
    if finding.query:
        results = search_guides(results, finding.query)
    finding.results = results
    return finding
