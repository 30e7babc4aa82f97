"""China's working-day calendar: official holidays and make-up working days (调休).

Facts come from ``chinesecalendar``; the county can override single days (for a
year the package does not know yet, or a local arrangement) with WorkdayOverride.
Deadlines count working days from the day after the start (次日起算) and fall at
the end of the working day (WORKDAY_ENDS_AT, 17:30 by default).
"""

from datetime import date, datetime, time, timedelta

import chinese_calendar
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

OVERRIDES_CACHE_KEY = "core:workday-overrides:v1"


def _overrides():
    data = cache.get(OVERRIDES_CACHE_KEY)
    if data is None:
        from .models import WorkdayOverride

        data = dict(WorkdayOverride.objects.values_list("day", "is_working_day"))
        cache.set(OVERRIDES_CACHE_KEY, data, 3600)
    return data


def clear_overrides_cache(**kwargs):
    cache.delete(OVERRIDES_CACHE_KEY)


def is_working_day(day: date) -> bool:
    overrides = _overrides()
    if day in overrides:
        return overrides[day]
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:
        # A year the package does not know yet: weekdays work unless the county says otherwise.
        return day.weekday() < 5


def working_days_after(start: date, count: int) -> date:
    """The ``count``-th working day after ``start`` (the start day itself never counts)."""
    if count < 0:
        raise ValueError("count must not be negative")
    day = start
    while count > 0:
        day += timedelta(days=1)
        if is_working_day(day):
            count -= 1
    return day


def working_days_between(start: date, end: date) -> int:
    """How many working days lie after ``start`` up to and including ``end``."""
    days, day = 0, start
    while day < end:
        day += timedelta(days=1)
        if is_working_day(day):
            days += 1
    return days


def end_of_working_day(day: date) -> datetime:
    ends_at = time.fromisoformat(settings.WORKDAY_ENDS_AT)
    return timezone.make_aware(datetime.combine(day, ends_at))


def deadline_after(moment: datetime, working_days: int) -> datetime:
    """When something received at ``moment`` is due: the end of the n-th working day after it."""
    local_day = timezone.localtime(moment).date()
    return end_of_working_day(working_days_after(local_day, working_days))
