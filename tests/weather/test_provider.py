"""The QWeather adapter against the local fake server: parsing, and every way the answer can be bad."""

import datetime
from decimal import Decimal

import pytest

from townsquare.weather.providers import (
    Place,
    ProviderError,
    QWeatherProvider,
    get_provider,
    report_from_json,
    report_to_json,
)

from .fake_qweather import alert, alerts_body

PLACE = Place(latitude=Decimal("27.8500"), longitude=Decimal("114.9300"))


def provider_for(server, timeout=0.5):
    return QWeatherProvider("test-key", server.url, timeout)


def test_parses_current_forecast_and_warnings(fake_qweather):
    report = provider_for(fake_qweather).fetch(PLACE)

    assert report.current.temperature == 24
    assert report.current.feels_like == 26
    assert report.current.text == "多云"
    assert report.current.wind_direction == "东南风"
    assert report.current.observed_at == datetime.datetime.fromisoformat("2026-06-30T21:40+08:00")
    assert [day.date.isoformat() for day in report.days] == ["2026-06-30", "2026-07-01", "2026-07-02"]
    assert (report.days[1].temp_min, report.days[1].temp_max, report.days[1].text_day) == (22, 29, "大雨")
    assert [(w.id, w.level, w.level_label, w.event, w.sender) for w in report.warnings] == [
        ("a1", "yellow", "黄色", "暴雨", "示范县气象台")
    ]


def test_sends_key_in_header_and_asks_by_coordinates_without_a_location_id(fake_qweather):
    provider_for(fake_qweather).fetch(PLACE)

    paths = {path: (query, headers) for path, query, headers in fake_qweather.requests}
    query, headers = paths["/v7/weather/now"]
    assert query["location"] == ["114.93,27.85"]  # longitude first, as QWeather wants
    assert headers["X-QW-Api-Key"] == "test-key"
    assert "key" not in query
    assert "/weatheralert/v1/current/27.85/114.93" in paths


def test_uses_the_location_id_when_set(fake_qweather):
    provider_for(fake_qweather).fetch(Place(Decimal("27.73"), Decimal("115.08"), "101250101"))

    queries = [query for path, query, _ in fake_qweather.requests if path == "/v7/weather/3d"]
    assert queries[0]["location"] == ["101250101"]


def test_a_cancelled_or_superseded_alert_is_left_out(fake_qweather):
    fake_qweather.routes["/weatheralert/v1/current/"] = (
        200,
        alerts_body(
            alert("old", colour="blue"),
            alert("new", colour="orange", message={"code": "update", "supersedes": ["old"]}),
            alert("gone", colour="red"),
            alert("cancel-1", colour="red", message={"code": "cancel", "supersedes": ["gone"]}),
            alert("odd", colour="white"),
        ),
        0,
    )

    report = provider_for(fake_qweather).fetch(PLACE)

    assert [(w.id, w.level) for w in report.warnings] == [("new", "orange"), ("odd", "")]


def test_no_alerts_is_an_empty_list(fake_qweather):
    fake_qweather.routes["/weatheralert/v1/current/"] = (200, {"metadata": {"zeroResult": True}}, 0)

    assert provider_for(fake_qweather).fetch(PLACE).warnings == []


@pytest.mark.parametrize(
    "route, answer, says",
    [
        ("/v7/weather/now", (500, b"Internal Server Error", 0), "HTTP 500"),
        (
            "/v7/weather/now",
            (401, {"error": {"status": 401, "title": "Unauthorized", "detail": "Invalid key"}}, 0),
            "Invalid key",
        ),
        ("/v7/weather/now", (200, {"code": "402"}, 0), "状态码 402"),
        ("/v7/weather/now", (200, b"<html>not json</html>", 0), "不是 JSON"),
        (
            "/v7/weather/now",
            (200, {"code": "200", "now": {"temp": "warm", "obsTime": "2026-06-30T21:40+08:00"}}, 0),
            "不是数字",
        ),
        ("/v7/weather/now", (200, {"code": "200", "now": {"temp": "20"}}, 0), "obsTime"),
        ("/v7/weather/3d", (200, {"code": "200", "daily": []}, 0), "daily"),
        ("/weatheralert/v1/current/", (200, {"alerts": "none"}, 0), "alerts"),
        ("/v7/weather/now", (200, NotImplemented, 1.5), "没有回应"),
    ],
    ids=["500", "401", "code-402", "not-json", "bad-number", "no-time", "no-days", "bad-alerts", "timeout"],
)
def test_a_bad_answer_is_a_provider_error_saying_why(fake_qweather, route, answer, says):
    status, body, delay = answer
    if body is NotImplemented:
        body = {"code": "200"}
    fake_qweather.routes[route] = (status, body, delay)

    with pytest.raises(ProviderError) as raised:
        provider_for(fake_qweather, timeout=0.3).fetch(PLACE)

    assert says in str(raised.value)


def test_an_unreachable_host_is_a_provider_error():
    with pytest.raises(ProviderError, match="连不上"):
        QWeatherProvider("k", "http://127.0.0.1:9", 0.5).fetch(PLACE)


def test_a_report_survives_storing_as_json(fake_qweather):
    report = provider_for(fake_qweather).fetch(PLACE)

    assert report_from_json(report_to_json(report)) == report


def test_no_provider_without_a_key(no_weather_key):
    assert get_provider() is None


def test_the_provider_follows_the_settings(fake_qweather):
    provider = get_provider()

    assert isinstance(provider, QWeatherProvider)
    assert provider.base_url == fake_qweather.url
    assert provider.timeout == 0.5
