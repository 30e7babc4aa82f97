"""Demo weather for 示范县: stored reports for the county and its towns, with a 暴雨黄色预警 in effect.

Nothing is fetched: the reports are written as if the scheduled work had just fetched them,
marked as demo data (演示数据) in the admin and on the weather page. A place that already has
weather data (demo or real) keeps it, so running the demo again changes nothing.
"""

import datetime
from decimal import Decimal

from django.utils import timezone

from townsquare.weather.models import WeatherLocation
from townsquare.weather.providers import Current, DayForecast, Report, Warning

from .dates import SHANGHAI

# Fictional places need plausible coordinates: the middle reaches of a river in southern China.
PLACES = {
    "shifan": {"lat": "27.8500", "lon": "114.9300", "temp": 24, "text": "中雨", "icon": "306", "humidity": 92},
    "qinghe": {"lat": "27.7300", "lon": "115.0800", "temp": 23, "text": "大雨", "icon": "307", "humidity": 95},
    "shiqiao": {"lat": "27.9400", "lon": "114.8100", "temp": 25, "text": "阵雨", "icon": "300", "humidity": 88},
    "chengguan": {"lat": "27.8600", "lon": "114.9400", "temp": 24, "text": "中雨", "icon": "306", "humidity": 91},
}
DAYS = [
    ("中雨", "大雨", "306", 22, 26, "东南风", "3-4", 28.0),
    ("大雨", "中雨", "307", 21, 25, "东风", "3-4", 35.5),
    ("阴", "多云", "104", 20, 27, "南风", "1-2", 0.6),
]
RAIN_WARNING = {
    "id": "demo-shifan-rainstorm-yellow",
    "title": "示范县气象台发布暴雨黄色预警[Ⅲ级/较重]",
    "event": "暴雨",
    "level": "yellow",
    "sender": "示范县气象台",
    "text": (
        "预计今天下午到明天上午，全县大部分地方有暴雨，局部大暴雨，6小时降雨量可达50毫米以上，"
        "低洼地段可能积水，山区可能发生山洪和滑坡。"
    ),
    "instruction": "不要在河边、桥下、山脚停留；低洼地段的住户提前把贵重物品放到高处；雷雨时不要在大树下避雨。",
    "hours": (-2, 22),
}
WIND_WARNING = {
    "id": "demo-shiqiao-gale-blue",
    "title": "示范县气象台发布大风蓝色预警[Ⅳ级/一般]",
    "event": "大风",
    "level": "blue",
    "sender": "示范县气象台",
    "text": "预计今天傍晚起石桥镇一带有6级左右大风，阵风7级。",
    "instruction": "收好阳台和房顶上的杂物，加固大棚；不要在广告牌和临时搭建物下面停留。",
    "hours": (-1, 12),
}
WARNINGS = {
    "shifan": [RAIN_WARNING],
    "qinghe": [RAIN_WARNING],
    "chengguan": [RAIN_WARNING],
    "shiqiao": [RAIN_WARNING, WIND_WARNING],
}


def demo_report(slug, now):
    spec = PLACES[slug]
    local = timezone.localtime(now, SHANGHAI)
    current = Current(
        observed_at=(local - datetime.timedelta(minutes=10)).replace(second=0, microsecond=0),
        temperature=spec["temp"],
        feels_like=spec["temp"] + 2,
        text=spec["text"],
        icon_code=spec["icon"],
        wind_direction="东南风",
        wind_scale="3",
        humidity=spec["humidity"],
    )
    days = [
        DayForecast(
            date=local.date() + datetime.timedelta(days=offset),
            temp_max=high,
            temp_min=low,
            text_day=day_text,
            text_night=night_text,
            icon_code=icon,
            wind_direction=wind,
            wind_scale=scale,
            precipitation_mm=rain,
        )
        for offset, (day_text, night_text, icon, low, high, wind, scale, rain) in enumerate(DAYS)
    ]
    warnings = [
        Warning(
            id=w["id"],
            title=w["title"],
            event=w["event"],
            level=w["level"],
            sender=w["sender"],
            text=w["text"],
            instruction=w["instruction"],
            issued_at=(local + datetime.timedelta(hours=w["hours"][0])).replace(minute=0, second=0, microsecond=0),
            expires_at=(local + datetime.timedelta(hours=w["hours"][1])).replace(minute=0, second=0, microsecond=0),
        )
        for w in WARNINGS.get(slug, [])
    ]
    return Report(current=current, days=days, warnings=warnings)


def ensure_weather(units, now, tally):
    """A weather place for the county and each town with demo data; ``units`` maps slugs to Units."""
    for slug, spec in PLACES.items():
        unit = units.get(slug)
        if unit is None:
            continue
        location, created = WeatherLocation.objects.get_or_create(
            unit=unit, defaults={"latitude": Decimal(spec["lat"]), "longitude": Decimal(spec["lon"])}
        )
        if location.report is None:
            location.store_report(demo_report(slug, now), now, demo=True)
        tally.count("天气地点", created)
