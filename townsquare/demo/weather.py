"""Demo weather for 示范县: stored reports for the county and every town, with a warning in effect.

Nothing is fetched: the reports are written as if the scheduled work had just fetched them,
marked as demo data (演示数据) in the admin and on the weather page. The weather is the one of the
season of the day the demo loads (no 24 °C rain in December): figures plausible for a county in
central China. A place with real weather data keeps it; demo data is written again only when it
is more than a day old, so running the demo again the same day changes nothing.
"""

import datetime
from decimal import Decimal

from django.utils import timezone

from townsquare.weather.models import WeatherLocation
from townsquare.weather.providers import Current, DayForecast, Report, Warning

from .content.seasons import season_of
from .dates import SHANGHAI

# Fictional places need plausible coordinates: the middle reaches of a river in central China.
PLACES = {
    "shifan": ("27.8500", "114.9300"),
    "qinghe": ("27.7300", "115.0800"),
    "shiqiao": ("27.9400", "114.8100"),
    "chengguan": ("27.8600", "114.9400"),
    "liutang": ("27.7800", "114.7200"),
}
# Demo data older than this is written again with the weather of the day.
DEMO_REFRESH = datetime.timedelta(days=1)

WARNING_TEXTS = {
    "rainstorm": {
        "title": "示范县气象台发布暴雨黄色预警[Ⅲ级/较重]",
        "event": "暴雨",
        "level": "yellow",
        "text": (
            "预计今天下午到明天上午，全县大部分地方有暴雨，局部大暴雨，6小时降雨量可达50毫米以上，"
            "低洼地段可能积水，山区可能发生山洪和滑坡。"
        ),
        "instruction": "不要在河边、桥下、山脚停留；低洼地段的住户提前把贵重物品放到高处；雷雨时不要在大树下避雨。",
    },
    "cold": {
        "title": "示范县气象台发布寒潮黄色预警[Ⅲ级/较重]",
        "event": "寒潮",
        "level": "yellow",
        "text": "受冷空气影响，预计明天起全县气温下降10℃左右，最低气温降到0℃上下，山区有霜冻和道路结冰。",
        "instruction": "添衣保暖，老人和孩子少在清晨外出；用炭火取暖要开窗通风；蔬菜大棚做好防冻。",
    },
    "thunder": {
        "title": "示范县气象台发布雷电黄色预警[Ⅲ级/较重]",
        "event": "雷电",
        "level": "yellow",
        "text": "预计未来6小时全县有雷阵雨，局部有短时大风和冰雹。",
        "instruction": "雷雨时待在屋里，关好门窗；不要在大树下、电线杆旁避雨；在田里干活的请尽快回家。",
    },
    "fog": {
        "title": "示范县气象台发布大雾黄色预警[Ⅲ级/较重]",
        "event": "大雾",
        "level": "yellow",
        "text": "今天早晨到上午全县大部分地方有大雾，能见度不到500米，局部不到200米。",
        "instruction": "开车打开雾灯、减速慢行、保持车距；老人和有呼吸道疾病的人少出门。",
    },
    "gale": {
        "title": "示范县气象台发布大风蓝色预警[Ⅳ级/一般]",
        "event": "大风",
        "level": "blue",
        "text": "预计今天傍晚起石桥镇一带有6级左右大风，阵风7级。",
        "instruction": "收好阳台和房顶上的杂物，加固大棚；不要在广告牌和临时搭建物下面停留。",
    },
}

# Per season: each place's current weather (°C, text, icon, humidity), the wind, the next three days
# (day text, night text, icon, low, high, wind, scale, rain mm), the county-wide warning, and the
# extra warning for 石桥镇 up the mountain.
SEASONS = {
    "winter": {
        "now": {"shifan": (6, "阴", "104", 78), "qinghe": (5, "小雨", "305", 88), "shiqiao": (3, "阴", "104", 80)},
        "wind": ("北风", "3"),
        "feels": -2,
        "days": [
            ("阴", "小雨", "104", 2, 8, "北风", "3-4", 1.2),
            ("小雨", "阴", "305", 1, 6, "北风", "3-4", 3.5),
            ("晴", "晴", "100", 0, 9, "西北风", "1-2", 0.0),
        ],
        "warning": "cold",
        "mountain": "fog",
    },
    "spring": {
        "now": {"shifan": (17, "小雨", "305", 85), "qinghe": (16, "阴", "104", 82), "shiqiao": (14, "小雨", "305", 88)},
        "wind": ("东南风", "3"),
        "feels": 0,
        "days": [
            ("小雨", "阵雨", "305", 13, 19, "东南风", "3-4", 6.0),
            ("雷阵雨", "小雨", "302", 14, 21, "南风", "3-4", 12.5),
            ("多云", "多云", "101", 12, 23, "东风", "1-2", 0.0),
        ],
        "warning": "thunder",
        "mountain": "gale",
    },
    "summer": {
        "now": {
            "shifan": (29, "中雨", "306", 90),
            "qinghe": (28, "大雨", "307", 94),
            "shiqiao": (27, "阵雨", "300", 88),
        },
        "wind": ("东南风", "3"),
        "feels": 3,
        "days": [
            ("中雨", "大雨", "306", 25, 31, "东南风", "3-4", 28.0),
            ("大雨", "中雨", "307", 24, 30, "东风", "3-4", 35.5),
            ("多云", "晴", "101", 26, 34, "南风", "1-2", 0.6),
        ],
        "warning": "rainstorm",
        "mountain": "gale",
    },
    "autumn": {
        "now": {"shifan": (19, "多云", "101", 70), "qinghe": (18, "晴", "100", 65), "shiqiao": (16, "多云", "101", 72)},
        "wind": ("北风", "2"),
        "feels": 0,
        "days": [
            ("多云", "晴", "101", 13, 23, "北风", "1-2", 0.0),
            ("晴", "多云", "100", 12, 24, "东北风", "1-2", 0.0),
            ("阴", "小雨", "104", 14, 20, "北风", "3-4", 2.0),
        ],
        "warning": "fog",
        "mountain": "gale",
    },
}
# 城关 and 柳塘 share the weather of the county seat and of 青禾 down in the valley.
SAME_AS = {"chengguan": "shifan", "liutang": "qinghe"}
WARNING_HOURS = {"county": (-2, 22), "mountain": (-1, 12)}


def warning(kind, slug, role, local):
    spec = WARNING_TEXTS[kind]
    start, end = WARNING_HOURS[role]
    return Warning(
        id=f"demo-{'shifan' if role == 'county' else slug}-{kind}",
        title=spec["title"],
        event=spec["event"],
        level=spec["level"],
        sender="示范县气象台",
        text=spec["text"],
        instruction=spec["instruction"],
        issued_at=(local + datetime.timedelta(hours=start)).replace(minute=0, second=0, microsecond=0),
        expires_at=(local + datetime.timedelta(hours=end)).replace(minute=0, second=0, microsecond=0),
    )


def demo_report(slug, now):
    local = timezone.localtime(now, SHANGHAI)
    season = SEASONS[season_of(local.date())]
    temperature, text, icon, humidity = season["now"][SAME_AS.get(slug, slug)]
    wind, scale = season["wind"]
    current = Current(
        observed_at=(local - datetime.timedelta(minutes=10)).replace(second=0, microsecond=0),
        temperature=temperature,
        feels_like=temperature + season["feels"],
        text=text,
        icon_code=icon,
        wind_direction=wind,
        wind_scale=scale,
        humidity=humidity,
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
        for offset, (day_text, night_text, icon, low, high, wind, scale, rain) in enumerate(season["days"])
    ]
    warnings = [warning(season["warning"], slug, "county", local)]
    if slug == "shiqiao":
        warnings.append(warning(season["mountain"], slug, "mountain", local))
    return Report(current=current, days=days, warnings=warnings)


def ensure_weather(units, now, tally):
    """A weather place for the county and each town with demo data; ``units`` maps slugs to Units."""
    for slug, (lat, lon) in PLACES.items():
        unit = units.get(slug)
        if unit is None:
            continue
        location, created = WeatherLocation.objects.get_or_create(
            unit=unit, defaults={"latitude": Decimal(lat), "longitude": Decimal(lon)}
        )
        stale_demo = location.is_demo and (location.fetched_at is None or location.fetched_at < now - DEMO_REFRESH)
        if location.report is None or stale_demo:
            location.store_report(demo_report(slug, now), now, demo=True)
        tally.count("天气地点", created)
