"""The statutory arithmetic (《政府信息公开条例》arts. 30, 32, 33) across the 2024–2026 holidays.

Each expected date is counted from the independent holiday-cn data set (../shared/datasets/holidays);
the tests skip when it is absent. Literal dates are written next to them for the reader.
"""

import json
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from townsquare.disclosure_requests import deadlines, handling
from townsquare.disclosure_requests.models import Status

from .factories import make_application

HOLIDAYS = Path(__file__).resolve().parents[2].parent / "shared" / "datasets" / "holidays"
SHANGHAI = ZoneInfo("Asia/Shanghai")
pytestmark = pytest.mark.django_db


def official_calendar():
    """Working-day facts of 2024–2026 from the holiday-cn data set (a skip when it is absent)."""
    special = {}
    for year in (2024, 2025, 2026):
        path = HOLIDAYS / f"holiday-cn-{year}.json"
        if not path.exists():
            pytest.skip(f"shared data set missing: {path}")
        for day in json.loads(path.read_text())["days"]:
            special[date.fromisoformat(day["date"])] = not day["isOffDay"]
    return special


def official_after(start, count):
    """The ``count``-th working day after ``start`` by the holiday-cn data set."""
    special, day = official_calendar(), start
    while count:
        day += timedelta(days=1)
        if special.get(day, day.weekday() < 5):
            count -= 1
    return day


def official_between(start, end):
    """Working days after ``start`` up to and including ``end`` by the data set."""
    special = official_calendar()
    return sum(
        1
        for n in range(1, (end - start).days + 1)
        if special.get(start + timedelta(days=n), (start + timedelta(days=n)).weekday() < 5)
    )


def at(day, hour=10):
    return datetime.combine(day, time(hour), tzinfo=SHANGHAI)


def end_of(day):
    return datetime.combine(day, time(17, 30), tzinfo=SHANGHAI)


def test_answer_due_twenty_working_days_after_receipt_across_national_day(town_a):
    received = at(date(2025, 9, 26))  # Friday before 国庆+中秋 2025 (10-01..10-08 off, 09-28 and 10-11 worked)
    application = make_application(town_a.unit, received_at=received, now=received)
    assert application.answer_due == end_of(official_after(date(2025, 9, 26), 20)) == end_of(date(2025, 10, 30))


def test_correction_must_go_out_within_seven_working_days_across_spring_festival(town_a):
    received = at(date(2026, 1, 29))
    application = make_application(town_a.unit, received_at=received, now=received)
    assert application.correction_due == end_of(official_after(date(2026, 1, 29), 7)) == end_of(date(2026, 2, 9))


def test_clock_stands_still_while_the_correction_is_awaited(town_a):
    received = at(date(2026, 1, 29))
    application = make_application(town_a.unit, received_at=received, now=received)
    handling.ask_correction(application, "请写明所需文件的文号或大致时间。", now=at(date(2026, 2, 3)))
    assert application.answer_due is None


def test_completed_application_restarts_the_full_period_from_its_day(town_a):
    received = at(date(2026, 1, 29))
    application = make_application(town_a.unit, received_at=received, now=received)
    handling.ask_correction(application, "请写明所需文件的文号。", now=at(date(2026, 2, 3)))
    handling.receive_correction(application, "文号为示政发〔2025〕3号。", now=at(date(2026, 2, 25)))
    assert application.answer_due == end_of(official_after(date(2026, 2, 25), 20)) == end_of(date(2026, 3, 24))


def test_third_party_consultation_days_are_not_counted(town_a):
    received = at(date(2024, 9, 20))
    application = make_application(town_a.unit, received_at=received, now=received)
    handling.consult(application, "示范县宏达建筑公司", now=at(date(2024, 9, 25)))
    consultation = application.consultations.get()
    handling.record_opinion(consultation, "不同意公开报价明细。", now=at(date(2024, 10, 15)))
    # Working days from 09-26 to 10-15 (国庆 2024: 10-01..10-07 off, 09-29 and 10-12 worked).
    paused = official_between(date(2024, 9, 25), date(2024, 10, 15))
    assert paused == 11
    assert application.answer_due == end_of(official_after(date(2024, 9, 20), 20 + paused))


def test_a_consultation_is_left_out_for_at_most_fifteen_working_days(town_a):
    received = at(date(2024, 9, 20))
    application = make_application(town_a.unit, received_at=received, now=received)
    handling.consult(application, "示范县宏达建筑公司", now=at(date(2024, 9, 25)))
    handling.record_opinion(application.consultations.get(), "", now=at(date(2024, 11, 20)))
    assert application.answer_due == end_of(official_after(date(2024, 9, 20), 20 + 15))


def test_overlapping_consultations_are_counted_once(town_a):
    received = at(date(2026, 3, 2))
    application = make_application(town_a.unit, received_at=received, now=received)
    handling.consult(application, "甲公司", now=at(date(2026, 3, 3)))
    handling.consult(application, "乙公司", now=at(date(2026, 3, 4)))
    first, second = application.consultations.all()
    handling.record_opinion(first, "同意", now=at(date(2026, 3, 10)))
    handling.record_opinion(second, "同意", now=at(date(2026, 3, 10)))
    # 03-04..03-10: five working days, whoever was asked.
    assert application.answer_due == end_of(official_after(date(2026, 3, 2), 25))


def test_extension_adds_its_working_days(town_a):
    received = at(date(2025, 12, 22))  # across 元旦 2026 (01-01..01-03 off, 01-04 worked)
    application = make_application(town_a.unit, received_at=received, now=received)
    handling.extend(application, 20, "涉及多个部门的档案，需要调取核对。", town_a.head, now=at(date(2026, 1, 15)))
    assert application.answer_due == end_of(official_after(date(2025, 12, 22), 40))


def test_extension_needs_the_units_head(town_a):
    application = make_application(town_a.unit)
    with pytest.raises(handling.HandlingError):
        handling.extend(application, 10, "档案较多。", town_a.editor)


def test_overdue_only_while_the_clock_runs(town_a):
    received = at(date(2026, 3, 2))
    application = make_application(town_a.unit, received_at=received, now=received)
    handling.consult(application, "甲公司", now=at(date(2026, 3, 3)))
    assert application.status == Status.CONSULTING and not deadlines.is_overdue(application, now=at(date(2026, 6, 1)))
