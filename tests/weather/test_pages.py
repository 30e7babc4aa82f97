"""The weather page and the home page's warning banner read stored data only, and never fail."""

import datetime
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.helpers import clear_caches
from townsquare.core.life import life_service
from townsquare.weather.fetching import refresh_all
from townsquare.weather.models import WeatherLocation
from townsquare.weather.providers import Current, DayForecast, Report, Warning

WEATHER_URL = "/tianqi/"


def report(temp=24, warnings=(), now=None):
    now = now or timezone.now()
    today = timezone.localdate(now)
    return Report(
        current=Current(now, temp, temp + 1, "多云", "101", "东南风", "2", 70),
        days=[
            DayForecast(today + datetime.timedelta(days=i), 30 + i, 20 + i, "晴", "多云", "100", "南风", "1-2")
            for i in range(3)
        ],
        warnings=list(warnings),
    )


def warning(wid="w1", level="yellow", event="暴雨", hours=6, now=None):
    now = now or timezone.now()
    return Warning(
        wid,
        f"示范县气象台发布{event}预警",
        event,
        level,
        "示范县气象台",
        f"有{event}。",
        "注意防范。",
        now - timedelta(hours=1),
        now + timedelta(hours=hours),
    )


def text(response):
    assert response.status_code == 200
    return response.content.decode()


def test_the_weather_tile_leads_here():
    assert life_service("weather").url == WEATHER_URL == reverse("weather:page")


def test_not_configured_and_no_place_says_so_plainly(client, county, no_weather_key):
    page = text(client.get(WEATHER_URL))

    assert "天气服务还没有接通" in page


def test_configured_without_data_yet_says_so(client, county, county_place, settings):
    settings.WEATHER_API_KEY = "k"

    page = text(client.get(WEATHER_URL))

    assert "还没有天气数据" in page
    assert "每 30 分钟" in page


def test_current_forecast_warnings_and_update_time(client, county_place):
    county_place.store_report(report(warnings=[warning(level="orange", event="雷电")]))

    page = text(client.get(WEATHER_URL))

    assert "24°C" in page and "多云" in page
    assert "体感" in page and "25°C" in page
    assert page.count('class="weather-day"') == 3
    assert "今天" in page and "20～30°C" in page
    assert "橙色预警" in page and "示范县气象台发布雷电预警" in page and "注意防范。" in page
    assert "数据更新于" in page
    assert "暂时没有更新" not in page
    assert "演示数据" not in page


def test_an_expired_warning_is_not_shown(client, county_place):
    county_place.store_report(report(warnings=[warning(hours=-1)]))

    page = text(client.get(WEATHER_URL))

    assert "暴雨预警" not in page


def test_old_data_is_shown_with_its_time_and_a_note(client, county_place):
    fetched = timezone.now() - timedelta(hours=5)
    county_place.store_report(report(now=fetched), now=fetched)

    page = text(client.get(WEATHER_URL))

    assert "天气数据暂时没有更新" in page
    assert timezone.localtime(fetched).strftime("%Y-%m-%d %H:%M") in page
    assert "24°C" in page


def test_a_failed_fetch_shows_the_last_data_never_an_error(client, fake_qweather, county_place):
    refresh_all()
    fake_qweather.routes["/v7/weather/now"] = (503, b"down", 0)
    refresh_all()

    page = text(client.get(WEATHER_URL))

    assert "24°C" in page
    assert "天气数据暂时没有更新" in page
    assert "HTTP 503" not in page  # the reason is for staff, not residents


def test_each_town_has_its_own_page(client, county_place, town_place):
    county_place.store_report(report(temp=24))
    town_place.store_report(report(temp=19))

    page = text(client.get(reverse("weather:place", args=[town_place.unit.slug])))

    assert "青禾镇天气" in page and "19°C" in page
    assert 'aria-current="page">青禾镇<' in page
    assert client.get(reverse("weather:place", args=["nowhere"])).status_code == 404


def test_demo_data_is_marked_as_demo(client, county_place):
    county_place.store_report(report(), demo=True)

    assert "演示数据" in text(client.get(WEATHER_URL))


def test_home_page_shows_warnings_in_effect_anywhere(client, county, county_place, town_place):
    rain = warning("rain", "yellow", "暴雨")
    county_place.store_report(report(warnings=[rain]))
    town_place.store_report(report(warnings=[rain, warning("wind", "blue", "大风"), warning("old", "red", "高温", -2)]))

    page = text(client.get(county.home.url))

    assert "气象预警" in page
    assert page.count('class="weather-alert-row') == 2  # the same warning for two places is one row
    assert page.index("黄色预警") < page.index("蓝色预警")  # most severe first
    assert "示范县、青禾镇" in page
    assert "高温" not in page
    assert reverse("weather:place", args=[county.county.unit.slug]) in page


def test_home_page_without_warnings_has_no_banner(client, county, county_place):
    county_place.store_report(report())

    page = text(client.get(county.home.url))

    assert "weather-banner" not in page


def test_the_tile_shows_the_county_temperature_while_current(client, county, county_place):
    county_place.store_report(report(temp=27))
    assert "多云 27°C" in text(client.get(county.home.url))

    WeatherLocation.objects.filter(pk=county_place.pk).update(fetched_at=timezone.now() - timedelta(days=1))
    clear_caches()  # update() sends no signal; the cache would hold the summary for WEATHER_CACHE_SECONDS
    assert "今明天气和预警" in text(client.get(county.home.url))


def test_elder_mode_page_renders(client, county_place):
    county_place.store_report(report(warnings=[warning()]))
    client.cookies["elder"] = "1"

    page = text(client.get(WEATHER_URL))

    assert '<body class="elder' in page
    assert "黄色预警" in page


@pytest.mark.parametrize("url_for", [lambda c: WEATHER_URL, lambda c: c.home.url], ids=["weather", "home"])
def test_queries_do_not_grow_with_places_and_warnings(client, county, url_for, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import UnitFactory

    def count():
        client.get(url_for(county))
        clear_caches()
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url_for(county)).status_code == 200
        return len(captured)

    WeatherLocation.objects.create(unit=county.county.unit, latitude=1, longitude=1).store_report(
        report(warnings=[warning()])
    )
    few = count()
    for i in range(8):
        unit = UnitFactory(parent=county.county.unit)
        WeatherLocation.objects.create(unit=unit, latitude=1, longitude=1).store_report(
            report(warnings=[warning(f"w{i}", "red")])
        )
    many = count()

    assert many == few
    with django_assert_max_num_queries(16 if url_for(county) != WEATHER_URL else 6):
        client.get(url_for(county))
