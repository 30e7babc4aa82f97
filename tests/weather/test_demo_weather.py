"""The demo county has weather at first start, without any network: a warning of the season on the home page."""

from django.core.management import call_command

from townsquare.weather.models import WeatherLocation

from ..conftest import reset_to_fresh_install


def test_demo_weather_with_a_warning_and_idempotent(db, client, no_weather_key):
    reset_to_fresh_install()
    call_command("load_demo", verbosity=0)

    places = {place.unit.slug: place for place in WeatherLocation.objects.select_related("unit")}
    assert set(places) == {"shifan", "qinghe", "shiqiao", "chengguan", "liutang"}
    assert all(place.is_demo and place.get_report() for place in places.values())
    home = client.get("/").content.decode()
    assert "预警" in home
    weather = client.get("/tianqi/").content.decode()
    assert "演示数据" in weather and "示范县气象台发布" in weather
    fetched = {slug: place.fetched_at for slug, place in places.items()}

    call_command("load_demo", "--repair", verbosity=0)

    assert WeatherLocation.objects.count() == 5
    assert {p.unit.slug: p.fetched_at for p in WeatherLocation.objects.select_related("unit")} == fetched
