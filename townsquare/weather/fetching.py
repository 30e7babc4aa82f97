"""Fetching weather for every place, as the scheduled work does. Never raises into a caller."""

import logging

from django.utils import timezone

from .models import WeatherLocation
from .providers import Place, ProviderError, get_provider

logger = logging.getLogger(__name__)


def refresh_location(location, provider, now=None):
    """Fetch one place; on failure keep its last report and record why. Returns True when it worked."""
    place = Place(latitude=location.latitude, longitude=location.longitude, location_id=location.location_id)
    try:
        report = provider.fetch(place)
    except ProviderError as error:
        logger.warning("weather for %s not fetched: %s", location, error)
        location.store_error(error, now)
        return False
    except Exception as error:  # an adapter bug must not stop the other places
        logger.exception("weather for %s failed", location)
        location.store_error(f"{type(error).__name__}: {error}", now)
        return False
    location.store_report(report, now or timezone.now())
    return True


def refresh_all(provider=None, now=None):
    """Fetch every enabled place; returns a short summary for the job record."""
    provider = provider or get_provider()
    if provider is None:
        return "未设置天气服务的 key（WEATHER_API_KEY），没有取天气。"
    locations = list(WeatherLocation.objects.filter(enabled=True).select_related("unit"))
    worked = sum(refresh_location(location, provider, now) for location in locations)
    failed = len(locations) - worked
    return f"{provider.label}：{worked} 个地点已更新" + (f"，{failed} 个失败" if failed else "")
