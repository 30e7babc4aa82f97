from django.conf import settings
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone

from .models import WeatherLocation
from .providers import is_configured


def weather_page(request, slug=None):
    """Current weather, the 3-day forecast and warnings for the county or one town, from stored data only."""
    locations = list(WeatherLocation.objects.select_related("unit"))
    if slug is None:
        location = next((loc for loc in locations if loc.is_county), locations[0] if locations else None)
    else:
        location = next((loc for loc in locations if loc.unit.slug == slug), None)
        if location is None:
            raise Http404
    now = timezone.now()
    report = location.get_report() if location else None
    return render(
        request,
        "weather/weather_page.html",
        {
            "location": location,
            "locations": locations,
            "report": report,
            "warnings": [w for w in report.warnings if w.in_effect(now)] if report else [],
            "is_stale": location.is_stale(now) if location and report else False,
            "configured": is_configured(),
            "fetch_minutes": settings.WEATHER_FETCH_MINUTES,
            "today": timezone.localdate(now),
        },
    )
