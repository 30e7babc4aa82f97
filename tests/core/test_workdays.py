import json
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from townsquare.core.models import WorkdayOverride
from townsquare.core.workdays import deadline_after, is_working_day, working_days_after, working_days_between

HOLIDAYS = Path(__file__).resolve().parents[2].parent / "shared" / "datasets" / "holidays"
SHANGHAI = ZoneInfo("Asia/Shanghai")
pytestmark = pytest.mark.django_db


def official_calendar(year):
    """Working-day facts for a year from the independent holiday-cn data set."""
    path = HOLIDAYS / f"holiday-cn-{year}.json"
    if not path.exists():
        pytest.skip(f"shared data set missing: {path}")
    return {date.fromisoformat(day["date"]): not day["isOffDay"] for day in json.loads(path.read_text())["days"]}


@pytest.mark.parametrize("year", [2024, 2025, 2026])
def test_every_day_of_the_year_matches_the_official_calendar(year):
    special = official_calendar(year)
    day = date(year, 1, 1)
    while day.year == year:
        expected = special.get(day, day.weekday() < 5)
        assert is_working_day(day) == expected, day
        day += timedelta(days=1)


def test_counting_starts_the_day_after():
    # Friday 2026-11-27: the 2nd working day after is Tuesday 2026-12-01.
    assert working_days_after(date(2026, 11, 27), 2) == date(2026, 12, 1)
    # Saturday 2026-11-28: same due day as the Friday.
    assert working_days_after(date(2026, 11, 28), 2) == date(2026, 12, 1)
    assert working_days_after(date(2026, 11, 27), 0) == date(2026, 11, 27)


def test_holidays_are_skipped_and_make_up_days_count():
    # Received Tuesday 2025-09-30; 国庆+中秋 off 10-01..10-08; 09-28 and 10-11 are make-up working days.
    assert working_days_after(date(2025, 9, 30), 1) == date(2025, 10, 9)
    assert working_days_after(date(2025, 9, 30), 2) == date(2025, 10, 10)
    assert working_days_after(date(2025, 9, 30), 3) == date(2025, 10, 11)  # Saturday, 调休上班
    # Spring festival 2026: received Friday 02-13, off 02-15..02-23, 02-14 (Saturday) and 02-28 are working days.
    assert working_days_after(date(2026, 2, 13), 1) == date(2026, 2, 14)
    assert working_days_after(date(2026, 2, 13), 2) == date(2026, 2, 24)


def test_deadline_falls_at_the_end_of_the_working_day():
    received = datetime(2026, 11, 27, 16, 0, tzinfo=SHANGHAI)
    assert deadline_after(received, 2) == datetime(2026, 12, 1, 17, 30, tzinfo=SHANGHAI)


def test_late_evening_counts_by_local_date():
    # 23:30 Friday in Shanghai is 15:30 UTC: still Friday for the resident.
    received = datetime(2026, 11, 27, 15, 30, tzinfo=ZoneInfo("UTC"))
    assert deadline_after(received, 1) == datetime(2026, 11, 30, 17, 30, tzinfo=SHANGHAI)


def test_county_override_wins_and_unknown_years_fall_back_to_weekdays():
    assert is_working_day(date(2027, 1, 4))  # a Monday in a year the package does not know
    assert not is_working_day(date(2027, 1, 2))
    WorkdayOverride.objects.create(day=date(2027, 1, 4), is_working_day=False, note="元旦调休")
    WorkdayOverride.objects.create(day=date(2027, 1, 2), is_working_day=True, note="调休上班")
    assert not is_working_day(date(2027, 1, 4))
    assert is_working_day(date(2027, 1, 2))
    assert working_days_between(date(2027, 1, 1), date(2027, 1, 5)) == 2
