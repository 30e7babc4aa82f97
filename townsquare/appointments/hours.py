"""Opening hours as staff type them ("09:00-11:30 14:00-17:00") and the slots they make.

Plain functions, no database: the models and the slot generator use them, the admin
forms validate with them.
"""

import re
from datetime import date, datetime, time, timedelta

from django.core.exceptions import ValidationError

# Staff type hours with half- or full-width punctuation: 9:00-11:30，14:00～17:00；
_NORMALISE = str.maketrans(
    {
        "：": ":",
        "－": "-",
        "—": "-",
        "–": "-",
        "~": "-",
        "～": "-",
        "至": "-",
        "，": ",",
        "；": ",",
        ";": ",",
        "、": ",",
    }
)
_RANGE = re.compile(r"^(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})$")

WEEKDAY_NAMES = ("周一", "周二", "周三", "周四", "周五", "周六", "周日")


def _time(hours, minutes, text):
    hours, minutes = int(hours), int(minutes)
    if hours > 23 or minutes > 59:
        raise ValidationError(f"“{text}”里的时间不对，请用 24 小时制，如 09:00-11:30。")
    return time(hours, minutes)


def parse_hours(text):
    """[(start, end), ...] in order from "09:00-11:30 14:00-17:00"; ValidationError (Chinese) when wrong."""
    cleaned = re.sub(r"\s*-\s*", "-", (text or "").translate(_NORMALISE))
    joined = [part for chunk in cleaned.split(",") for part in chunk.split()]
    if not joined:
        raise ValidationError("请填写办理时段，如 09:00-11:30 14:00-17:00。")
    ranges = []
    for part in joined:
        match = _RANGE.match(part)
        if not match:
            raise ValidationError(f"“{part}”看不懂，请写成 09:00-11:30 这样，多个时段用空格或逗号隔开。")
        start = _time(match.group(1), match.group(2), part)
        end = _time(match.group(3), match.group(4), part)
        if end <= start:
            raise ValidationError(f"“{part}”的结束时间要晚于开始时间。")
        ranges.append((start, end))
    ranges.sort()
    for (_, end), (start, _) in zip(ranges, ranges[1:], strict=False):
        if start < end:
            raise ValidationError("办理时段有重叠，请检查。")
    return ranges


def format_hours(ranges):
    return " ".join(f"{start:%H:%M}-{end:%H:%M}" for start, end in ranges)


def slot_times(ranges, minutes):
    """The (start, end) of every whole slot of ``minutes`` inside the ranges."""
    if minutes <= 0:
        raise ValueError("slot length must be positive")
    step = timedelta(minutes=minutes)
    anchor = date(2000, 1, 3)
    slots = []
    for start, end in ranges:
        moment, finish = datetime.combine(anchor, start), datetime.combine(anchor, end)
        while moment + step <= finish:
            slots.append((moment.time(), (moment + step).time()))
            moment += step
    return slots


def parse_weekdays(text):
    """ "12345" → {0, 1, 2, 3, 4} (Monday is 1 for staff, 0 for Python)."""
    days = set()
    for char in text or "":
        if char.isdigit() and 1 <= int(char) <= 7:
            days.add(int(char) - 1)
    return days


def describe_weekdays(text):
    days = sorted(parse_weekdays(text))
    if days == [0, 1, 2, 3, 4]:
        return "周一至周五"
    return "、".join(WEEKDAY_NAMES[day] for day in days)
