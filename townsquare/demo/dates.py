"""Dates for the demo, all relative to the moment it is loaded, so the county always looks alive."""

import re
from datetime import timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

SHANGHAI = ZoneInfo("Asia/Shanghai")
WEEKDAYS = "一二三四五六日"
# A published time never lies in the future: "today 16:30" loaded at 10:00 becomes a little before now.
NEWEST_GAP = timedelta(minutes=20)


def moment(now, days, hm="09:00"):
    """Local time ``hm`` on the day ``days`` away from ``now`` (negative: in the past)."""
    day = timezone.localtime(now, SHANGHAI) + timedelta(days=days)
    hour, minute = (int(part) for part in hm.split(":"))
    return day.replace(hour=hour, minute=minute, second=0, microsecond=0)


def published(now, when):
    """A publication time from ``(days_ago, "HH:MM")``, never later than shortly before now."""
    days_ago, hm = when
    return min(moment(now, -days_ago, hm), now - NEWEST_GAP)


class DateWords(dict):
    """Fills date words in content text: ``{d+2}`` 12月1日（周二）, ``{m+2}`` 12月1日, ``{mo-30}`` 11, ``{y}`` 2026."""

    PATTERN = re.compile(r"(d|m|mo|y)([+-]\d+)?")

    def __init__(self, now):
        super().__init__()
        self.today = timezone.localtime(now, SHANGHAI).date()

    def __missing__(self, key):
        match = self.PATTERN.fullmatch(key)
        if match is None:
            raise KeyError(key)
        kind, offset = match.group(1), int(match.group(2) or 0)
        if kind == "y":
            return str(self.today.year + offset)
        day = self.today + timedelta(days=offset)
        if kind == "mo":
            return str(day.month)
        if kind == "m":
            return f"{day.month}月{day.day}日"
        return f"{day.month}月{day.day}日（周{WEEKDAYS[day.weekday()]}）"

    def fill(self, text):
        return text.format_map(self) if text else text
