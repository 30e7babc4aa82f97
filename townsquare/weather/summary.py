"""What other pages show of the weather (the home page's warning banner, the tile hint), cached.

Built with one query from the stored reports and kept in the page cache (``core.pagecache``) for
WEATHER_CACHE_SECONDS, or until the stored weather changes (a fetch, an edited place). Warnings are
filtered by their expiry time when read, so a warning that runs out disappears even while the cache
still holds it; pages showing one are kept no longer than it lasts.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

from townsquare.core import pagecache

from .providers import LEVELS

SUMMARY_CACHE_KEY = "weather:summary:v2"


@dataclass
class PlaceSummary:
    slug: str
    name: str
    is_county: bool
    temperature: int | None
    text: str
    fetched_at: object
    stale_after: object
    warnings: list


def _build():
    from .models import WeatherLocation

    places = []
    stale = settings.WEATHER_STALE_MINUTES
    for location in WeatherLocation.objects.select_related("unit").exclude(report=None):
        report = location.get_report()
        if report is None:
            continue
        places.append(
            PlaceSummary(
                slug=location.unit.slug,
                name=location.name,
                is_county=location.is_county,
                temperature=report.current.temperature,
                text=report.current.text,
                fetched_at=location.fetched_at,
                stale_after=location.fetched_at + timezone.timedelta(minutes=stale),
                warnings=report.warnings,
            )
        )
    places.sort(key=lambda place: not place.is_county)  # the county first, then towns in their order
    return places


def place_summaries():
    return pagecache.remember(SUMMARY_CACHE_KEY, _build, settings.WEATHER_CACHE_SECONDS)


@dataclass
class BannerWarning:
    warning: object
    places: list  # (slug, name) pairs the warning is in effect for


def warnings_for_banner(now=None):
    """Warnings in effect anywhere in the county, the most severe first; one row per warning."""
    now = now or timezone.now()
    rows = {}
    for place in place_summaries():
        for warning in place.warnings:
            if not warning.in_effect(now):
                continue
            pagecache.valid_until(warning.expires_at)
            row = rows.setdefault(warning.id, BannerWarning(warning=warning, places=[]))
            row.places.append((place.slug, place.name))
    severity = {level: i for i, level in enumerate(LEVELS)}
    return sorted(rows.values(), key=lambda row: -severity.get(row.warning.level, -1))


def weather_tile_hint():
    """The county's weather in a few words for the 天气 tile (e.g. "多云 24°C"), or "" when not known or old."""
    now = timezone.now()
    county = next((place for place in place_summaries() if place.is_county), None)
    if county is None or county.stale_after < now:
        return ""
    pagecache.valid_until(county.stale_after)
    return f"{county.text} {county.temperature}°C".strip()
