"""接诉即办 figures: counted right on a crafted set, by Beijing-time months, at a fixed query cost."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from townsquare.core.workdays import working_days_between
from townsquare.resident_requests import handling
from townsquare.resident_requests.models import RequestType
from townsquare.resident_requests.statistics import (
    Figures,
    Rate,
    _WorkingDayCounter,
    available_years,
    reporting_units,
    year_statistics,
)

SHANGHAI = ZoneInfo("Asia/Shanghai")
pytestmark = pytest.mark.django_db


def at(*args):
    return datetime(*args, tzinfo=SHANGHAI)


# Monday 12 January 2026: a 咨询 must be accepted by Tue 13th 17:30 and answered by Wed 14th 17:30.
MONDAY = at(2026, 1, 12, 10, 0)
NOW = at(2026, 2, 10, 12, 0)


def crafted_january(desk):
    """Town A's January: on-time and late acceptance and answers, a reopen, a duplicate, a decline, an overdue one."""
    staff = desk.county.town_a.editor
    on_time, _ = desk.file(now=MONDAY, title="准时受理准时答复")
    handling.accept(on_time, staff, now=at(2026, 1, 12, 11, 0))
    handling.answer(on_time, "已修好。", staff, now=at(2026, 1, 13, 10, 0))
    handling.rate(on_time, "satisfied", now=at(2026, 1, 13, 12, 0))

    late, _ = desk.file(now=MONDAY, title="超时受理超时答复")
    handling.accept(late, staff, now=at(2026, 1, 14, 9, 0))
    handling.answer(late, "已修好。", staff, now=at(2026, 1, 16, 10, 0))
    handling.rate(late, "basically", now=at(2026, 1, 16, 12, 0))

    reopened, _ = desk.file(now=MONDAY, title="直接答复后重办")
    handling.answer(reopened, "已安排。", staff, now=at(2026, 1, 13, 9, 0))  # answering is accepting
    handling.rate(reopened, "unsatisfied", "还是不亮", now=at(2026, 1, 13, 12, 0))
    handling.answer(reopened, "已换灯。", staff, now=at(2026, 1, 15, 10, 0))  # new deadline: 15th 17:30
    handling.rate(reopened, "satisfied", now=at(2026, 1, 15, 12, 0))

    duplicate, _ = desk.file(now=MONDAY, title="同一件事")
    handling.merge(duplicate, on_time, staff)

    desk.file(now=MONDAY, title="没人理")  # never accepted: late to respond, overdue by NOW

    declined, _ = desk.file(now=MONDAY, title="不属于受理范围")
    with time_machine.travel(at(2026, 1, 12, 15, 0), tick=False):
        handling.decline(declined, "属于司法程序，请向法院反映。", staff)


def test_rates_for_a_crafted_month(desk):
    crafted_january(desk)
    stats = year_statistics(2026, now=NOW)
    january = stats.row_for(desk.roads.unit).months[0].figures

    assert january.received == 5 and january.merged == 1 and january.declined == 1
    # 响应率: accepted (or answered) by the deadline, or declined by it; the overdue one is settled and late.
    assert january.response_rate == Rate(3, 5)
    # 按期办结率: two answered on time, one late, one open past its deadline; the declined one is left out.
    assert january.on_time_rate == Rate(2, 4)
    assert january.overdue_open == 1 and january.still_open == 1
    # Ratings: 满意, 基本满意, and 满意 after a reopen (rated, satisfied, but not solved the first time).
    assert january.satisfied_rate == Rate(3, 3)
    assert january.solved_rate == Rate(2, 3)
    assert (january.satisfied, january.basically_satisfied, january.unsatisfied) == (2, 1, 0)
    # Answers after 1, 4 and 3 days, all on working days.
    assert january.answer_time == timedelta(days=8)
    assert january.average_days == 2.7
    assert january.answer_working_days == 8 and january.average_working_days == 2.7

    assert str(january.response_rate) == "60%" and january.response_rate.fraction == "3/5"
    assert str(january.on_time_rate) == "50%"
    assert str(january.solved_rate) == "66.7%"


def test_working_days_skip_weekends_and_holidays(desk):
    # Saturday 31 January 23:30, answered Monday 2 February: 1.4 calendar days, 1 working day.
    request, _ = desk.file(category=desk.schools, now=at(2026, 1, 31, 23, 30))
    handling.answer(request, "请带户口本到学校报名。", desk.county.town_b.editor, now=at(2026, 2, 2, 10, 0))
    january = year_statistics(2026, now=NOW).row_for(desk.schools.unit).months[0].figures
    assert january.answered == 1 and january.average_days == 1.4 and january.average_working_days == 1.0
    assert working_days_between(at(2026, 1, 31).date(), at(2026, 2, 2).date()) == 1


def test_the_fast_working_day_count_agrees_with_the_calendar():
    first = at(2025, 9, 20).date()
    counter = _WorkingDayCounter(first, first + timedelta(days=70))
    for offset in range(0, 55, 3):
        start = first + timedelta(days=offset)
        for length in (0, 1, 5, 9):
            end = start + timedelta(days=length)
            assert counter.between(start, end) == working_days_between(start, end), (start, end)


def test_months_follow_beijing_time(desk):
    # 23:30 on 31 January in Beijing is still January; 00:30 on 1 February is February (16:30 UTC on the 31st).
    desk.file(now=at(2026, 1, 31, 23, 30))
    desk.file(now=at(2026, 2, 1, 0, 30))
    # 07:00 on New Year's Day in Beijing is 23:00 on 31 December in UTC: it belongs to 2026.
    desk.file(now=at(2026, 1, 1, 7, 0))
    desk.file(now=at(2025, 12, 31, 23, 59))

    stats = year_statistics(2026, now=NOW)
    received = [month.figures.received for month in stats.total.months]
    assert received[:3] == [2, 1, 0]
    assert stats.total.total.received == 3
    assert year_statistics(2025, now=NOW).total.months[11].figures.received == 1
    assert available_years(now=NOW) == [2026, 2025]


def test_pending_requests_neither_help_nor_hurt(desk):
    # Arrived an hour ago: nothing is due yet, so no rate counts it.
    desk.file(now=at(2026, 2, 10, 11, 0))
    february = year_statistics(2026, now=NOW).total.months[1].figures
    assert february.received == 1 and february.still_open == 1
    assert february.response_rate == Rate(0, 0) and str(february.response_rate) == "—"
    assert february.on_time_rate == Rate(0, 0) and february.average_days is None


def test_rows_per_unit_in_normal_order_and_the_county_total(desk):
    crafted_january(desk)
    desk.file(category=desk.schools, now=at(2026, 3, 2, 9, 0))
    stats = year_statistics(2026, now=NOW)

    assert [row.unit for row in stats.rows] == [desk.roads.unit, desk.schools.unit] == list(reporting_units())
    assert [len(row.months) for row in stats.rows] == [12, 12]
    assert stats.total.label == "全县合计" and stats.total.unit is None
    assert stats.total.total.received == 6
    assert stats.total.months[0].figures.received == 5 and stats.total.months[2].figures.received == 1
    # Months after NOW (February) have not begun.
    assert [m.is_future for m in stats.total.months[:4]] == [False, False, True, True]

    only_b = year_statistics(2026, units=[desk.schools.unit], now=NOW)
    assert [row.unit for row in only_b.rows] == [desk.schools.unit]
    assert only_b.total.total.received == 1


def test_figures_add_up():
    one = Figures(received=2, answered=1, answer_time=timedelta(hours=12), answer_working_days=1)
    two = Figures(received=1, answered=1, answer_time=timedelta(hours=36), answer_working_days=2)
    both = one + two
    assert both.received == 3 and both.average_days == 1.0 and both.average_working_days == 1.5


def file_many(desk, count, start):
    staff = desk.county.town_a.editor
    for index in range(count):
        received = start + timedelta(days=index % 300, hours=index % 7)
        request, _ = desk.file(
            category=[desk.roads, desk.schools][index % 2], now=received, request_type=RequestType.SUGGEST
        )
        if index % 3:
            handling.answer(request, "已处理。", staff, now=received + timedelta(days=1 + index % 5))
            if index % 2:
                handling.rate(request, "satisfied", now=received + timedelta(days=7))


def test_query_count_does_not_grow_with_requests(desk):
    file_many(desk, 3, at(2026, 1, 5, 9, 0))
    with CaptureQueriesContext(connection) as few:
        year_statistics(2026, now=NOW)
    file_many(desk, 40, at(2026, 1, 5, 9, 0))
    with CaptureQueriesContext(connection) as many:
        stats = year_statistics(2026, now=NOW)
    assert stats.total.total.received == 43
    assert len(many) == len(few) <= 4, [q["sql"] for q in many.captured_queries]
