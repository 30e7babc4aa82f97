"""The map of public requests (/liuyan/ditu/): which requests, where (rounded), and the filters.

Without a tile server the map draws the towns' boundaries (``Unit.boundary``) under the points; with
neither, the page is a list only.

Only requests the public may see that carry a map point are shown, at most REQUEST_MAP_MAX_POINTS,
newest first. Points are rounded to REQUEST_MAP_DECIMALS decimal places (3 ≈ 100 m) before they
leave the server: a request about a doorstep must not point at a home. Titles are masked like
everywhere else in public.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db.models import Q

from townsquare.units.models import Unit, is_area

from .public import Shown, filter_by_status, public_requests


def towns():
    """The towns and streets a visitor may filter by."""
    return list(Unit.objects.filter(kind__in=[Unit.Kind.TOWN, Unit.Kind.STREET]).order_by("sort_order", "pk"))


def rounded(value):
    step = Decimal(1).scaleb(-settings.REQUEST_MAP_DECIMALS)
    return float(Decimal(value).quantize(step, rounding=ROUND_HALF_UP))


def located(category="", status="", town=None):
    """Public requests with a map point, filtered by category code, status filter and town (a Unit)."""
    requests = public_requests().filter(lat__isnull=False, long__isnull=False)
    if category:
        requests = requests.filter(category__code=category)
    if town is not None:
        requests = requests.filter(Q(unit=town) | Q(unit__parent=town))
    requests = filter_by_status(requests, status)
    return [Shown(item) for item in requests[: settings.REQUEST_MAP_MAX_POINTS]]


def point(shown, url):
    """What the map script gets for one request: rounded point, masked title, status, link."""
    return {
        "lat": rounded(shown.request.lat),
        "lng": rounded(shown.request.long),
        "title": shown.title,
        "status": shown.status_label,
        "category": shown.category_name,
        "people": 1 + shown.request.me_too_count,
        "url": url,
    }


def outline():
    """The towns' boundaries (GeoJSON Features) to draw when there is no tile server, or None when no town has one."""
    features = [
        {"type": "Feature", "properties": {"name": unit.short_name or unit.name}, "geometry": unit.boundary}
        for unit in towns()
        if is_area(unit.boundary)
    ]
    return {"type": "FeatureCollection", "features": features} if features else None


def tiles():
    """The tile layers for the script (url None: no tile server, the towns' outline is drawn instead)."""
    lat, long, zoom = settings.REQUEST_MAP_CENTER
    return {
        "url": settings.REQUEST_MAP_TILE_URL or None,
        "labels": settings.REQUEST_MAP_LABEL_URL,
        "subdomains": settings.REQUEST_MAP_TILE_SUBDOMAINS,
        "attribution": settings.REQUEST_MAP_ATTRIBUTION,
        "center": [float(lat), float(long)],
        "zoom": int(zoom),
    }
