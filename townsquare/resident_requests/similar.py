"""Requests about the same problem: shown to a resident before sending (他人已反映), and to staff as 并案 suggestions.

Two requests of the same category are similar when their words overlap enough (``text_score``:
the cosine of their character pairs, each weighted by how rare it is among the newest requests of
all categories, so no dictionary is needed and a shared place name alone is not enough) or when
both carry a map point and the points lie within REQUEST_SIMILAR_RADIUS_METERS of each other.
Only recent open requests of the category are looked at (REQUEST_SIMILAR_DAYS, at most
REQUEST_SIMILAR_CANDIDATES, newest first), so a look-up costs one query whatever the table holds.
"""

import math
import re
from collections import Counter
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from .models import OPEN_STATUSES, ResidentRequest, Status

# What residents are shown: requests the public may see and a unit is still working on.
PUBLIC_OPEN_STATUSES = (Status.ACCEPTED, Status.WAITING)
EARTH_RADIUS_METERS = 6_371_000
RARITY_KEY = "resident_requests:similar:rarity:v1"
RARITY_SECONDS = 3600
# Runs of Chinese characters, or of Latin letters and digits (a road number, "5G").
TOKENS = re.compile(r"[\u4e00-\u9fff]+|[a-z0-9]+")
# Words every request has (greetings, politeness, "问题"): they say nothing about which problem it is, and are
# cut out before the pairs are made (so no pair bridges them either).
FILLER = re.compile(
    "|".join(
        "您好 你好 领导 谢谢 感谢 希望 请问 问题 反映 我们 你们 他们 现在 没有 一个 这个 那个 什么 怎么 "
        "已经 可以 能够 还是 就是 如果 因为 所以 但是 相关 部门 政府 解决 尽快 处理 情况 市民 居民".split()
    )
)
CANDIDATE_FIELDS = (
    "pk",
    "tracking_number",
    "title",
    "details",
    "lat",
    "long",
    "status",
    "received_at",
    "answer_due",
    "paused_at",
    "me_too_count",
    "contact_name",
    "category_id",
    "unit_id",
    "is_public",
)


def pairs(text):
    """The character pairs of ``text`` (Chinese runs) and its Latin/digit words, counted."""
    counted = Counter()
    for token in TOKENS.findall(FILLER.sub(" ", (text or "").lower())):
        if token.isascii():
            counted[token] += 1
            continue
        for i in range(len(token) - 1):
            counted[token[i : i + 2]] += 1
    return counted


def weighted(counted, weights):
    """A ``pairs`` counter with each pair weighted (``weights``: a ``Rarity``)."""
    return {pair: count * weights.of(pair) for pair, count in counted.items()}


class Rarity:
    """Inverse document frequency of character pairs over some requests: a pair in many requests (the
    county's name, a big road) counts little, a rare one (a village, "井盖") much; an unseen pair most."""

    def __init__(self, documents):
        self.frequency = Counter()
        for counted in documents:
            self.frequency.update(counted.keys())
        self.total = len(documents)

    def of(self, pair):
        return math.log((self.total + 1) / (self.frequency.get(pair, 0) + 1)) + 1


def reference_rarity():
    """Rarity over the newest requests of every category (REQUEST_SIMILAR_CANDIDATES × 4), kept an hour:
    one category's few open requests are too few to tell a problem's words from a place's."""
    rarity = cache.get(RARITY_KEY)
    if rarity is None:
        texts = ResidentRequest.objects.order_by("-received_at").values_list("title", "details")
        rarity = Rarity(
            [pairs(f"{title}\n{details}") for title, details in texts[: settings.REQUEST_SIMILAR_CANDIDATES * 4]]
        )
        cache.set(RARITY_KEY, rarity, RARITY_SECONDS)
    return rarity


def text_score(a, b):
    """0 (nothing in common) to 1 (the same words): the cosine of two (weighted) ``pairs`` vectors."""
    if not a or not b:
        return 0.0
    shared = sum(value * b[pair] for pair, value in a.items() if pair in b)
    norm = math.sqrt(sum(v * v for v in a.values())) * math.sqrt(sum(v * v for v in b.values()))
    return shared / norm if norm else 0.0


def distance_meters(lat1, long1, lat2, long2):
    """Great-circle distance between two points in degrees (haversine)."""
    phi1, phi2 = math.radians(float(lat1)), math.radians(float(lat2))
    d_phi = phi2 - phi1
    d_lambda = math.radians(float(long2) - float(long1))
    h = math.sin(d_phi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(d_lambda / 2) ** 2
    return 2 * EARTH_RADIUS_METERS * math.asin(min(1.0, math.sqrt(h)))


@dataclass
class Match:
    request: ResidentRequest
    score: float  # text similarity, 0-1
    meters: float | None  # distance between the two map points, when both have one

    @property
    def nearby(self):
        return self.meters is not None and self.meters <= settings.REQUEST_SIMILAR_RADIUS_METERS

    @property
    def people(self):
        """The residents behind it: its sender and those who said 我也遇到了."""
        return 1 + self.request.me_too_count


def candidates(category_id, *, public, exclude_pk=None, now=None):
    """Recent open requests of a category, newest first (one query); ``public``: only what residents may see."""
    since = (now or timezone.now()) - timedelta(days=settings.REQUEST_SIMILAR_DAYS)
    queryset = ResidentRequest.objects.filter(category_id=category_id, received_at__gte=since)
    if public:
        queryset = queryset.filter(is_public=True, status__in=PUBLIC_OPEN_STATUSES)
    else:
        queryset = queryset.filter(status__in=OPEN_STATUSES)
    if exclude_pk is not None:
        queryset = queryset.exclude(pk=exclude_pk)
    queryset = queryset.select_related("category", "unit").only(
        *CANDIDATE_FIELDS, "category__name", "unit__name", "unit__short_name"
    )
    return list(queryset.order_by("-received_at", "-pk")[: settings.REQUEST_SIMILAR_CANDIDATES])


def matches(text, lat, long, pool):
    """The requests of ``pool`` similar to ``text`` or near (lat, long): nearest first, then most alike."""
    documents = [pairs(f"{other.title}\n{other.details}") for other in pool]
    weights = reference_rarity()
    wanted = weighted(pairs(text), weights)
    has_point = lat is not None and long is not None
    found = []
    for other, counted in zip(pool, documents, strict=True):
        meters = None
        if has_point and other.lat is not None and other.long is not None:
            meters = distance_meters(lat, long, other.lat, other.long)
        match = Match(other, text_score(wanted, weighted(counted, weights)), meters)
        if match.nearby or match.score >= settings.REQUEST_SIMILAR_MIN_SCORE:
            found.append(match)
    found.sort(key=lambda m: (not m.nearby, m.meters if m.nearby else 0, -m.score, -m.request.pk))
    return found


def similar_public(category_id, text, lat=None, long=None, now=None):
    """What a resident writing about ``text`` should see first: open public requests of the same problem."""
    return matches(text, lat, long, candidates(category_id, public=True, now=now))


def duplicates_of(resident_request, now=None):
    """并案 suggestions for staff: other open requests of its category about the same problem."""
    pool = candidates(resident_request.category_id, public=False, exclude_pk=resident_request.pk, now=now)
    text = f"{resident_request.title}\n{resident_request.details}"
    return matches(text, resident_request.lat, resident_request.long, pool)


def with_duplicates(requests, now=None):
    """The pks of those open ``requests`` (an inbox page) that have a 并案 suggestion: one query per category."""
    flagged = set()
    by_category = {}
    for item in requests:
        if item.status in OPEN_STATUSES:
            by_category.setdefault(item.category_id, []).append(item)
    for category_id, items in by_category.items():
        pool = candidates(category_id, public=False, now=now)
        for item in items:
            text = f"{item.title}\n{item.details}"
            if any(match.request.pk != item.pk for match in matches(text, item.lat, item.long, pool)):
                flagged.add(item.pk)
    return flagged
