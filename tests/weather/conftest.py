from decimal import Decimal

import pytest

from townsquare.weather.models import WeatherLocation

from .fake_qweather import FakeQWeather


@pytest.fixture(scope="session")
def _fake_server():
    server = FakeQWeather().start()
    yield server
    server.stop()


@pytest.fixture
def fake_qweather(_fake_server, settings):
    """The local fake QWeather, with the settings pointing at it and a key set."""
    _fake_server.reset()
    settings.WEATHER_PROVIDER = "qweather"
    settings.WEATHER_API_KEY = "test-key"
    settings.WEATHER_BASE_URL = _fake_server.url
    settings.WEATHER_TIMEOUT_SECONDS = 0.5
    yield _fake_server
    _fake_server.reset()


@pytest.fixture
def no_weather_key(settings):
    settings.WEATHER_API_KEY = ""
    return settings


@pytest.fixture
def county_place(county):
    return WeatherLocation.objects.create(
        unit=county.county.unit, latitude=Decimal("27.85"), longitude=Decimal("114.93")
    )


@pytest.fixture
def town_place(county):
    return WeatherLocation.objects.create(
        unit=county.town_a.unit, latitude=Decimal("27.73"), longitude=Decimal("115.08"), location_id="101250101"
    )
