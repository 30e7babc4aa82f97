"""Finding this period's hot topics among residents' requests and keeping ``HotTopic`` rows up to date.

``refresh(now)`` groups the requests received in the last HOTSPOT_LOOKBACK_DAYS with ``grouping.group``,
keeps the groups of at least HOTSPOT_MIN_REQUESTS, ranks them by ``heat``, and matches each to the topic
of earlier runs that shares most of its requests (so a topic keeps its response and its threshold time).
A topic whose heat reaches HOTSPOT_RESPONSE_THRESHOLD is stamped ``crossed_at`` once.
"""

from collections import Counter
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from townsquare.resident_requests.models import ResidentRequest, Status

from . import heat as heat_rules
from .grouping import Message, group, groups_of
from .models import HotTopic

TREND_WEEKS = 8


def metoo_counts(request_ids):
    """{request id: its 我也遇到了 count}, for the requests that have any."""
    return dict(
        ResidentRequest.objects.filter(pk__in=request_ids, me_too_count__gt=0).values_list("pk", "me_too_count")
    )


def recent_requests(now):
    since = now - timedelta(days=settings.HOTSPOT_LOOKBACK_DAYS)
    return list(
        ResidentRequest.objects.filter(received_at__gte=since, received_at__lte=now)
        .exclude(status=Status.DECLINED)
        .only("pk", "title", "details", "received_at", "unit_id")
        .order_by("received_at", "pk")
    )


def _title(members):
    """The subject most requests share, else the earliest one's."""
    common, count = Counter(r.title for r in members).most_common(1)[0]
    return common if count > 1 else members[0].title


def _match(topic_requests, members):
    """The existing topic sharing most requests with ``members``, or None."""
    shared = Counter(topic_requests[r.pk] for r in members if r.pk in topic_requests)
    return shared.most_common(1)[0][0] if shared else None


@transaction.atomic
def refresh(now=None):
    """Regroup recent requests and update the hot topics; returns the current topics, hottest first."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    requests = recent_requests(now)
    by_pk = {r.pk: r for r in requests}
    messages = [Message(r.pk, f"{r.title}。{r.details}", timezone.localdate(r.received_at)) for r in requests]
    found = groups_of(group(messages, settings.HOTSPOT_SIMILARITY, settings.HOTSPOT_WINDOW_DAYS))
    found = {n: [by_pk[k] for k in keys] for n, keys in found.items() if len(keys) >= settings.HOTSPOT_MIN_REQUESTS}
    metoo = metoo_counts(list(by_pk))
    existing = {t.pk: t for t in HotTopic.objects.filter(active=True)}
    topic_requests = {
        rid: tid
        for tid, rid in HotTopic.requests.through.objects.filter(hottopic_id__in=existing).values_list(
            "hottopic_id", "residentrequest_id"
        )
    }
    kept = []
    for members in found.values():
        days = [timezone.localdate(r.received_at) for r in members]
        members_heat = [heat_rules.Member(d, metoo.get(r.pk, 0)) for r, d in zip(members, days, strict=True)]
        topic = existing.pop(_match(topic_requests, members), None) or HotTopic(found_at=now)
        topic.title = _title(members)[:120]
        topic.lead_unit_id = Counter(r.unit_id for r in members).most_common(1)[0][0]
        topic.request_count = len(members)
        topic.metoo_count = sum(m.metoo for m in members_heat)
        topic.heat = round(heat_rules.heat(members_heat, today), 2)
        topic.trend = heat_rules.weekly_counts(days, today, TREND_WEEKS)
        topic.first_seen = min(r.received_at for r in members)
        topic.last_seen = max(r.received_at for r in members)
        topic.refreshed_at = now
        topic.active = True
        if topic.crossed_at is None and topic.heat >= settings.HOTSPOT_RESPONSE_THRESHOLD:
            topic.crossed_at = now
        topic.save()
        topic.requests.set(members)
        kept.append(topic)
    HotTopic.objects.filter(pk__in=list(existing)).update(active=False)
    return sorted(kept, key=lambda t: -t.heat)


def response_candidates(topic):
    """Live 回应关切 pages the lead unit may link: published as that unit (发布单位), or under its home page.

    Towns have no 政策解读 column of their own: they publish in the county's, naming themselves as 发布单位."""
    from townsquare.publishing.models import InterpretationPage, UnitHomePage

    pages = InterpretationPage.objects.live().filter(form=InterpretationPage.Form.RESPONSE)
    home = UnitHomePage.objects.filter(unit=topic.lead_unit_id).first()
    mine = Q(unit=topic.lead_unit_id)
    if home is not None:
        mine |= Q(path__startswith=home.path, unit__isnull=True)
    return pages.filter(mine).order_by("-first_published_at")


def topic_of_request(request_pk):
    """The current hot topic a request belongs to (for its public page), or None."""
    return (
        HotTopic.objects.current().filter(requests__pk=request_pk).select_related("response").order_by("-heat").first()
    )


def responses_of_requests(request_pks):
    """{request pk: its current topic's live 回应关切 page} for the requests of one list page, in one query."""
    through = HotTopic.requests.through
    rows = (
        through.objects.filter(
            residentrequest_id__in=list(request_pks),
            hottopic__in=HotTopic.objects.current(),
            hottopic__response__live=True,
        )
        .select_related("hottopic__response")
        .order_by("-hottopic__heat")
    )
    responses = {}
    for row in rows:
        responses.setdefault(row.residentrequest_id, row.hottopic.response)
    return responses
