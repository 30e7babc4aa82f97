import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from townsquare.subscriptions.models import Frequency, Kind
from townsquare.weather.models import WeatherLocation
from townsquare.weather.providers import Current, Report, Warning

from .factories import SubscriptionFactory

pytestmark = pytest.mark.django_db


def report_with(*warning_ids):
    now = timezone.now()
    current = Current(now, 20, 20, "小雨", "305", "东风", "2", 80)
    warnings = [
        Warning(
            wid,
            "示范县气象台发布暴雨黄色预警",
            "暴雨",
            "yellow",
            "示范县气象台",
            "未来6小时降雨量将达50毫米以上。",
            "注意防范山洪。",
            now,
            now + datetime.timedelta(hours=12),
        )
        for wid in warning_ids
    ]
    return Report(current=current, days=[], warnings=warnings)


@pytest.fixture
def place(town_a):
    return WeatherLocation.objects.create(unit=town_a.unit, latitude=Decimal("27.73"), longitude=Decimal("115.08"))


def test_a_new_warning_reaches_the_towns_weather_subscribers(place, town_a, smtp_server):
    SubscriptionFactory(kind=Kind.WEATHER, unit=town_a.unit, frequency=Frequency.WEEKLY)
    place.store_report(report_with("w1"))
    [message] = smtp_server.wait_for(1)
    assert "暴雨黄色预警" in message["Subject"]


def test_a_warning_fetched_again_is_not_sent_again(place, town_a, smtp_server):
    SubscriptionFactory(kind=Kind.WEATHER, unit=town_a.unit)
    place.store_report(report_with("w1"))
    place.store_report(report_with("w1"))
    assert len(smtp_server.wait_for(2, timeout=0.5)) == 1


def test_another_towns_warning_is_not_sent(place, town_b, smtp_server):
    SubscriptionFactory(kind=Kind.WEATHER, unit=town_b.unit)
    place.store_report(report_with("w1"))
    assert smtp_server.wait_for(1, timeout=0.5) == []


@pytest.fixture
def county_place(county):
    return WeatherLocation.objects.create(
        unit=county.county.unit, latitude=Decimal("27.80"), longitude=Decimal("115.10")
    )


def test_the_county_warning_reaches_every_towns_weather_subscribers(county_place, town_a, town_b, smtp_server):
    SubscriptionFactory(kind=Kind.WEATHER, unit=town_a.unit)
    SubscriptionFactory(kind=Kind.WEATHER, unit=town_b.unit)
    county_place.store_report(report_with("county-1"))
    assert len(smtp_server.wait_for(2)) == 2


def test_the_county_warning_does_not_reach_a_towns_other_subscribers(county_place, town_a, smtp_server):
    SubscriptionFactory(kind=Kind.UNIT, unit=town_a.unit)
    county_place.store_report(report_with("county-1"))
    assert smtp_server.wait_for(1, timeout=0.5) == []
