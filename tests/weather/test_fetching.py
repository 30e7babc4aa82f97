"""The scheduled fetch: stores what it gets, keeps the last data when the provider fails, skips without a key."""

from datetime import timedelta

from django.utils import timezone

from townsquare.core.models import JobRun
from townsquare.core.scheduling import JOBS, run_job
from townsquare.weather.fetching import refresh_all
from townsquare.weather.models import WeatherLocation


def test_the_job_is_scheduled_every_fetch_interval():
    job = JOBS["weather_fetch"]

    assert job.every == timedelta(minutes=30)
    assert job.label == "天气更新"


def test_fetch_stores_each_place(fake_qweather, county_place, town_place):
    result = refresh_all()

    assert "2 个地点已更新" in result
    for place in WeatherLocation.objects.all():
        assert place.fetched_at is not None
        assert place.last_error == ""
        assert place.is_demo is False
        assert place.get_report().current.temperature == 24


def test_a_failing_provider_keeps_the_last_data_and_records_why(fake_qweather, county_place):
    earlier = timezone.now() - timedelta(hours=1)
    refresh_all(now=earlier)
    fake_qweather.routes["/v7/weather/now"] = (500, b"oops", 0)

    result = refresh_all()

    place = WeatherLocation.objects.get(pk=county_place.pk)
    assert "1 个失败" in result
    assert place.fetched_at == earlier
    assert place.get_report().current.temperature == 24
    assert "HTTP 500" in place.last_error
    assert place.last_error_at > earlier
    assert place.is_stale()


def test_a_timeout_keeps_the_last_data(fake_qweather, county_place):
    refresh_all()
    fake_qweather.routes["/v7/weather/3d"] = (200, {"code": "200"}, 1.5)

    refresh_all()

    place = WeatherLocation.objects.get(pk=county_place.pk)
    assert place.get_report() is not None
    assert "没有回应" in place.last_error


def test_malformed_data_keeps_the_last_data(fake_qweather, county_place):
    refresh_all()
    fake_qweather.routes["/weatheralert/v1/current/"] = (200, b"{not json", 0)

    refresh_all()

    place = WeatherLocation.objects.get(pk=county_place.pk)
    assert len(place.get_report().warnings) == 1
    assert "不是 JSON" in place.last_error


def test_disabled_places_are_not_fetched(fake_qweather, county_place, town_place):
    WeatherLocation.objects.filter(pk=town_place.pk).update(enabled=False)

    refresh_all()

    assert WeatherLocation.objects.get(pk=town_place.pk).fetched_at is None


def test_without_a_key_nothing_is_fetched(no_weather_key, county_place):
    result = refresh_all()

    assert "WEATHER_API_KEY" in result
    assert WeatherLocation.objects.get(pk=county_place.pk).last_attempt_at is None


def test_the_scheduler_runs_the_fetch_and_records_it(fake_qweather, county_place):
    assert run_job(JOBS["weather_fetch"]) is True

    record = JobRun.objects.get(name="weather_fetch")
    assert "1 个地点已更新" in record.last_result
    assert WeatherLocation.objects.get(pk=county_place.pk).fetched_at is not None
