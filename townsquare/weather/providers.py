"""Weather providers: one interface, plain dataclasses out, one real adapter (QWeather 和风天气).

A provider fetches the current conditions, a 3-day forecast and the warnings in effect for
one place and returns a ``Report``. Anything that goes wrong (no answer, a timeout, an HTTP
error, a body that is not what the documentation describes) becomes a ``ProviderError``
with a message staff can act on; nothing else is raised.
"""

import dataclasses
import datetime
import json
import logging
from dataclasses import dataclass, field
from decimal import Decimal

import requests
from django.conf import settings

logger = logging.getLogger(__name__)

# Warning colours of the Chinese early-warning signals (预警信号), most severe last.
LEVELS = ("blue", "yellow", "orange", "red")
LEVEL_LABELS = {"blue": "蓝色", "yellow": "黄色", "orange": "橙色", "red": "红色"}


class ProviderError(Exception):
    """The provider could not give a usable answer; ``str(error)`` says why, for staff."""


@dataclass
class Current:
    observed_at: datetime.datetime
    temperature: int
    feels_like: int | None
    text: str
    icon_code: str
    wind_direction: str
    wind_scale: str
    humidity: int | None


@dataclass
class DayForecast:
    date: datetime.date
    temp_max: int
    temp_min: int
    text_day: str
    text_night: str
    icon_code: str
    wind_direction: str
    wind_scale: str
    precipitation_mm: float | None = None


@dataclass
class Warning:
    id: str
    title: str
    event: str
    level: str  # one of LEVELS, or "" when the provider gives another colour
    sender: str
    text: str
    instruction: str
    issued_at: datetime.datetime | None
    expires_at: datetime.datetime | None

    @property
    def level_label(self):
        return LEVEL_LABELS.get(self.level, "")

    def in_effect(self, now):
        return self.expires_at is None or self.expires_at > now


@dataclass
class Report:
    current: Current
    days: list[DayForecast]
    warnings: list[Warning] = field(default_factory=list)


@dataclass(frozen=True)
class Place:
    """Where to ask: coordinates (needed for warnings) and, optionally, the provider's own location id."""

    latitude: Decimal
    longitude: Decimal
    location_id: str = ""


class WeatherProvider:
    """The interface every adapter implements."""

    name = ""
    label = ""

    def fetch(self, place: Place) -> Report:
        raise NotImplementedError


# --- Storing reports as JSON and reading them back ------------------------------------------


def _encode(value):
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    raise TypeError(f"cannot store {type(value).__name__}")


def report_to_json(report):
    """A JSON-ready dict (dates as ISO strings)."""
    return json.loads(json.dumps(dataclasses.asdict(report), default=_encode))


def _dt(value):
    return datetime.datetime.fromisoformat(value) if value else None


def report_from_json(data):
    current = dict(data["current"], observed_at=_dt(data["current"]["observed_at"]))
    return Report(
        current=Current(**current),
        days=[DayForecast(**dict(day, date=datetime.date.fromisoformat(day["date"]))) for day in data["days"]],
        warnings=[
            Warning(**dict(w, issued_at=_dt(w["issued_at"]), expires_at=_dt(w["expires_at"])))
            for w in data.get("warnings", [])
        ],
    )


# --- QWeather (和风天气) -------------------------------------------------------------------------


def _int(value, name, required=True):
    if value in (None, ""):
        if required:
            raise ProviderError(f"返回数据缺少 {name}")
        return None
    try:
        return round(float(value))
    except (TypeError, ValueError):
        raise ProviderError(f"返回数据里 {name} 不是数字：{value!r}") from None


def _float(value):
    try:
        return float(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


def _time(value, name, required=True):
    if not value:
        if required:
            raise ProviderError(f"返回数据缺少 {name}")
        return None
    try:
        # QWeather writes "2020-06-30T21:40+08:00" (no seconds); Python 3.11 reads it.
        parsed = datetime.datetime.fromisoformat(value)
    except (TypeError, ValueError):
        raise ProviderError(f"返回数据里 {name} 不是时间：{value!r}") from None
    if parsed.tzinfo is None:
        raise ProviderError(f"返回数据里 {name} 没有时区：{value!r}")
    return parsed


def _date(value, name):
    try:
        return datetime.date.fromisoformat(value)
    except (TypeError, ValueError):
        raise ProviderError(f"返回数据里 {name} 不是日期：{value!r}") from None


def _text(value):
    return value.strip() if isinstance(value, str) else ""


class QWeatherProvider(WeatherProvider):
    """和风天气 (QWeather): /v7/weather/now, /v7/weather/3d and /weatheralert/v1/current/{lat}/{lon}.

    The key goes in the ``X-QW-Api-Key`` header. The v7 warning API (/v7/warning/now) is
    deprecated by QWeather, so warnings come from the v1 weather-alert API, which asks for
    coordinates. Every account has its own API host (WEATHER_BASE_URL).
    """

    name = "qweather"
    label = "和风天气"

    def __init__(self, api_key, base_url, timeout):
        self.api_key = api_key
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.session = requests.Session()

    def _get(self, path, params=None):
        url = f"{self.base_url}{path}"
        try:
            response = self.session.get(
                url,
                params={"lang": "zh", **(params or {})},
                headers={"X-QW-Api-Key": self.api_key, "Accept-Encoding": "gzip"},
                timeout=self.timeout,
            )
        except requests.Timeout:
            raise ProviderError(f"{self.label}在 {self.timeout} 秒内没有回应（{path}）") from None
        except requests.RequestException as error:
            raise ProviderError(f"连不上{self.label}（{path}）：{type(error).__name__}") from None
        try:
            data = response.json()
        except ValueError:
            data = None
        if response.status_code != 200:
            detail = ""
            if isinstance(data, dict) and isinstance(data.get("error"), dict):
                detail = data["error"].get("detail") or data["error"].get("title") or ""
            raise ProviderError(f"{self.label}返回 HTTP {response.status_code}（{path}）{detail}".rstrip())
        if not isinstance(data, dict):
            raise ProviderError(f"{self.label}返回的不是 JSON 对象（{path}）")
        if "code" in data and str(data["code"]) != "200":
            raise ProviderError(f"{self.label}返回状态码 {data['code']}（{path}）")
        return data

    def fetch(self, place):
        location = place.location_id or f"{place.longitude:.2f},{place.latitude:.2f}"
        now = self._get("/v7/weather/now", {"location": location})
        daily = self._get("/v7/weather/3d", {"location": location})
        alert_path = f"/weatheralert/v1/current/{place.latitude:.2f}/{place.longitude:.2f}"
        alerts = self._get(alert_path, {"localTime": "true"})
        return Report(current=self.parse_now(now), days=self.parse_daily(daily), warnings=self.parse_alerts(alerts))

    @staticmethod
    def parse_now(data):
        now = data.get("now")
        if not isinstance(now, dict):
            raise ProviderError("实时天气缺少 now")
        return Current(
            observed_at=_time(now.get("obsTime"), "now.obsTime"),
            temperature=_int(now.get("temp"), "now.temp"),
            feels_like=_int(now.get("feelsLike"), "now.feelsLike", required=False),
            text=_text(now.get("text")),
            icon_code=_text(now.get("icon")),
            wind_direction=_text(now.get("windDir")),
            wind_scale=_text(now.get("windScale")),
            humidity=_int(now.get("humidity"), "now.humidity", required=False),
        )

    @staticmethod
    def parse_daily(data):
        daily = data.get("daily")
        if not isinstance(daily, list) or not daily:
            raise ProviderError("天气预报缺少 daily")
        days = []
        for i, day in enumerate(daily[:3]):
            if not isinstance(day, dict):
                raise ProviderError(f"天气预报第 {i + 1} 天不是对象")
            days.append(
                DayForecast(
                    date=_date(day.get("fxDate"), "daily.fxDate"),
                    temp_max=_int(day.get("tempMax"), "daily.tempMax"),
                    temp_min=_int(day.get("tempMin"), "daily.tempMin"),
                    text_day=_text(day.get("textDay")),
                    text_night=_text(day.get("textNight")),
                    icon_code=_text(day.get("iconDay")),
                    wind_direction=_text(day.get("windDirDay")),
                    wind_scale=_text(day.get("windScaleDay")),
                    precipitation_mm=_float(day.get("precip")),
                )
            )
        return days

    @staticmethod
    def parse_alerts(data):
        """Alerts in effect; a cancellation and the alerts it (or an update) supersedes are left out."""
        alerts = data.get("alerts")
        if alerts is None and isinstance(data.get("metadata"), dict):
            alerts = []
        if not isinstance(alerts, list):
            raise ProviderError("天气预警缺少 alerts")
        superseded, kept = set(), []
        for alert in alerts:
            if not isinstance(alert, dict):
                raise ProviderError("天气预警里有一条不是对象")
            message = alert.get("messageType") if isinstance(alert.get("messageType"), dict) else {}
            superseded.update(str(s) for s in message.get("supersedes") or [])
            if message.get("code") == "cancel":
                continue
            kept.append(alert)
        warnings = []
        for alert in kept:
            alert_id = str(alert.get("id") or "")
            if not alert_id:
                raise ProviderError("天气预警缺少 id")
            if alert_id in superseded:
                continue
            event = alert.get("eventType") if isinstance(alert.get("eventType"), dict) else {}
            colour = alert.get("color") if isinstance(alert.get("color"), dict) else {}
            level = str(colour.get("code") or "").lower()
            warnings.append(
                Warning(
                    id=alert_id,
                    title=_text(alert.get("headline")) or _text(event.get("name")),
                    event=_text(event.get("name")),
                    level=level if level in LEVELS else "",
                    sender=_text(alert.get("senderName")),
                    text=_text(alert.get("description")),
                    instruction=_text(alert.get("instruction")),
                    issued_at=_time(alert.get("issuedTime"), "alerts.issuedTime", required=False),
                    expires_at=_time(alert.get("expiredTime"), "alerts.expiredTime", required=False),
                )
            )
        return warnings


PROVIDERS = {QWeatherProvider.name: QWeatherProvider}
DEFAULT_BASE_URLS = {QWeatherProvider.name: "https://devapi.qweather.com"}


def _provider_name():
    # An empty WEATHER_PROVIDER (e.g. set but blank in the environment) means the default provider.
    return settings.WEATHER_PROVIDER or "qweather"


def is_configured():
    return bool(settings.WEATHER_API_KEY) and _provider_name() in PROVIDERS


def get_provider():
    """The configured provider, or None when no key is set (weather is then simply not fetched)."""
    if not is_configured():
        return None
    name = _provider_name()
    base_url = settings.WEATHER_BASE_URL or DEFAULT_BASE_URLS.get(name, "")
    return PROVIDERS[name](settings.WEATHER_API_KEY, base_url, settings.WEATHER_TIMEOUT_SECONDS)
