from datetime import timedelta

from django.conf import settings

from townsquare.core.scheduling import periodic_job


@periodic_job("weather_fetch", every=timedelta(minutes=settings.WEATHER_FETCH_MINUTES), label="天气更新")
def weather_fetch():
    """Fetch current weather, the 3-day forecast and warnings for every place; skipped without a key."""
    from .fetching import refresh_all

    return refresh_all()
