from datetime import timedelta

from townsquare.core.scheduling import periodic_job

from .providers import weather_settings


@periodic_job("weather_fetch", every=timedelta(minutes=weather_settings()["fetch_minutes"]), label="天气更新")
def weather_fetch():
    """Fetch current weather, the 3-day forecast and warnings for every place; skipped without a key."""
    from .fetching import refresh_all

    return refresh_all()
