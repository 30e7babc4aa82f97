"""The demo county's "many behind the one": map points, 我也遇到了 and near-duplicates waiting for 并案.

Called after ``ensure_requests``. It gives most demo requests of the towns a map point near their town
(fixed per request, so the map is the same on every load), and adds two small clusters of residents
with the same problem: one request a unit is working on that many residents joined with 我也遇到了,
and a newer one about the same thing, sent anyway, that staff see with a 并案 suggestion. Idempotent:
requests by submission key ``demo-nearby-<n>``, 我也遇到了 by ``demo-metoo-<n>-<i>``.
"""

import random
from datetime import timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model

from townsquare.resident_requests import handling, metoo
from townsquare.resident_requests.models import Category, RequestType, ResidentRequest

from .content.staff import ADMIN
from .weather import PLACES

SPREAD = 0.012  # degrees around a town's centre (about 1.3 km)
SHARE_WITH_POINT = 0.7
COORDINATE = Decimal("0.000001")

# Each cluster: (town, category suffix, offset of the spot from the town's centre, the request being
# worked on, what each resident who said 我也遇到了 added, the newer one sent anyway and its offset from the spot).
CLUSTERS = [
    {
        "key": 1,
        "town": "qinghe",
        "category": "sheshi",
        "spot": (0.0041, 0.0032),
        "main": {
            "title": "禾丰路中段路灯连着坏了六盏",
            "details": "禾丰路中段从农机站到禾丰村口，六盏路灯坏了快两个星期，晚上一片黑，"
            "骑电动车的和接孩子放学的都不敢走，前天还有老人摔了一跤。请尽快修好。",
            "address": "禾丰路中段（农机站到禾丰村口）",
            "days_ago": 6,
        },
        "me_too": [
            "我每天晚上从这里下班回家，确实很黑。",
            "",
            "农机站门口那盏也不亮。",
            "",
            "孩子晚自习回来要走这段路，希望快点修。",
            "",
            "",
            "禾丰村口的那盏时亮时不亮。",
            "",
            "",
            "",
        ],
        "newer": {
            "title": "禾丰路路灯不亮，晚上走路害怕",
            "details": "禾丰路中段路灯坏了好多天了，晚上走路黑漆漆的，请镇里派人修一下路灯。",
            "address": "禾丰路农机站附近",
            "offset": (0.0002, 0.0001),
            "days_ago": 1,
        },
    },
    {
        "key": 2,
        "town": "chengguan",
        "category": "huanjing",
        "spot": (-0.0035, 0.0026),
        "main": {
            "title": "南门花园北门污水井冒水，臭味很大",
            "details": "南门花园北门外的污水井这半个月一直往外冒水，流到人行道上，气味很大，"
            "夏天蚊子多，小区居民进出都要绕着走。请城关镇和有关部门疏通。",
            "address": "南门花园北门外人行道",
            "days_ago": 4,
        },
        "me_too": ["我住北门边上那栋，晚上窗户都不敢开。", "", "", "下雨天更严重。"],
        "newer": {
            "title": "南门花园污水井冒水",
            "details": "南门花园北门外的污水井冒水，人行道上都是污水，气味很大，希望尽快疏通。",
            "address": "",
            "offset": None,
            "days_ago": 2,
        },
    },
]


# The fictional county's four towns as rough outlines ([longitude, latitude]): the map's background when no tile
# server is set, as on a fresh `make run` with no network.
TOWN_BOUNDARIES = {
    "chengguan": [[114.89, 27.82], [114.99, 27.82], [115.00, 27.88], [114.95, 27.91], [114.89, 27.90]],
    "shiqiao": [
        [114.62, 27.86], [114.89, 27.86], [114.89, 27.90], [114.95, 27.91], [114.95, 28.02], [114.70, 28.01],
        [114.62, 27.93],
    ],
    "liutang": [[114.62, 27.86], [114.62, 27.75], [114.66, 27.66], [114.88, 27.68], [114.89, 27.82], [114.89, 27.86]],
    "qinghe": [
        [114.88, 27.68], [114.98, 27.64], [115.14, 27.66], [115.20, 27.80], [115.12, 27.98], [114.95, 28.02],
        [114.95, 27.91], [115.00, 27.88], [114.99, 27.82], [114.89, 27.82],
    ],
}  # fmt: skip


def ensure_boundaries(units):
    for slug, ring in TOWN_BOUNDARIES.items():
        unit = units.get(slug)
        if unit is not None and unit.boundary is None:
            unit.boundary = {"type": "Polygon", "coordinates": [[*ring, ring[0]]]}
            unit.save(update_fields=["boundary"])


def ensure_nearby(units, now, tally):
    """Towns' outlines and map points for the towns' demo requests, then the clusters; ``units`` maps slugs to Units."""
    ensure_boundaries(units)
    place_requests(units)
    user_model = get_user_model()
    for cluster in CLUSTERS:
        unit = units.get(cluster["town"])
        category = Category.objects.filter(code=f"{cluster['town']}-{cluster['category']}").first()
        if unit is None or category is None:
            continue
        staff = (
            user_model.objects.filter(username=f"{unit.slug}_editor").first()
            or user_model.objects.filter(username=ADMIN["username"]).first()
        )
        ensure_cluster(cluster, unit, category, staff, now, tally)


def _point(town, dlat, dlong):
    lat, long = PLACES[town]
    return (
        (Decimal(lat) + Decimal(str(dlat))).quantize(COORDINATE),
        (Decimal(long) + Decimal(str(dlong))).quantize(COORDINATE),
    )


def place_requests(units):
    """A point near its town for most demo requests a town handles (the same point on every load)."""
    towns = {units[slug].pk: slug for slug in PLACES if slug in units and units[slug].kind != "county"}
    pending = ResidentRequest.objects.filter(
        submission_key__startswith="demo-", lat__isnull=True, unit_id__in=list(towns)
    ).exclude(submission_key__startswith="demo-nearby-")
    changed = []
    for request in pending.only("pk", "tracking_number", "unit_id", "lat", "long"):
        rng = random.Random(request.tracking_number)
        if rng.random() > SHARE_WITH_POINT:
            continue
        request.lat, request.long = _point(
            towns[request.unit_id], rng.uniform(-SPREAD, SPREAD), rng.uniform(-SPREAD, SPREAD)
        )
        changed.append(request)
    ResidentRequest.objects.bulk_update(changed, ["lat", "long"])


def _submit(spec, key, category, unit, point, now):
    fields = {
        "request_type": RequestType.COMPLAIN,
        "category": category,
        "title": spec["title"],
        "details": spec["details"],
        "address": spec["address"],
        "lat": point[0] if point else None,
        "long": point[1] if point else None,
        "contact_name": "周女士" if key.endswith("a") else "陈先生",
        "contact_phone": "13700001234" if key.endswith("a") else "13600005678",
    }
    request, _ = handling.submit(fields, submission_key=key, now=now - timedelta(days=spec["days_ago"], hours=2))
    return request


def ensure_cluster(cluster, unit, category, staff, now, tally):
    number = cluster["key"]
    spot = _point(cluster["town"], *cluster["spot"])
    main_key = f"demo-nearby-{number}a"
    main = ResidentRequest.objects.filter(submission_key=main_key).first()
    tally.count("演示留言（我也遇到了）", main is None)
    if main is None:
        main = _submit(cluster["main"], main_key, category, unit, spot, now)
        accepted_at = now - timedelta(days=cluster["main"]["days_ago"] - 1)
        handling.accept(main, staff, now=accepted_at)
    for index, details in enumerate(cluster["me_too"]):
        moment = now - timedelta(days=cluster["main"]["days_ago"] - 1, hours=-index * 7)
        metoo.add(main, f"demo-metoo-{number}-{index}", details, now=min(moment, now))
    newer = cluster["newer"]
    newer_key = f"demo-nearby-{number}b"
    if not ResidentRequest.objects.filter(submission_key=newer_key).exists():
        point = None
        if newer["offset"]:
            (dlat, dlong), (olat, olong) = cluster["spot"], newer["offset"]
            point = _point(cluster["town"], dlat + olat, dlong + olong)
        _submit(newer, newer_key, category, unit, point, now)
        tally.count("演示留言（待并案）", True)
