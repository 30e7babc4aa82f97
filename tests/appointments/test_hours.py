from datetime import time

import pytest
from django.core.exceptions import ValidationError

from townsquare.appointments.hours import describe_weekdays, format_hours, parse_hours, parse_weekdays, slot_times


def test_hours_as_staff_type_them():
    expected = [(time(9), time(11, 30)), (time(14), time(17))]
    assert parse_hours("09:00-11:30 14:00-17:00") == expected
    assert parse_hours("9：00－11：30，14:00～17:00") == expected
    assert parse_hours("14:00 - 17:00; 09:00 至 11:30") == expected
    assert format_hours(expected) == "09:00-11:30 14:00-17:00"


@pytest.mark.parametrize(
    "text, words",
    [
        ("", "请填写"),
        ("9点到11点", "看不懂"),
        ("11:30-09:00", "晚于"),
        ("25:00-26:00", "24 小时制"),
        ("09:00-12:00 11:00-14:00", "重叠"),
    ],
)
def test_wrong_hours_are_explained_in_chinese(text, words):
    with pytest.raises(ValidationError) as error:
        parse_hours(text)
    assert words in error.value.messages[0]


def test_slots_are_whole_lengths_inside_each_range():
    ranges = parse_hours("09:00-11:30 14:00-15:10")
    assert slot_times(ranges, 30) == [
        (time(9), time(9, 30)),
        (time(9, 30), time(10)),
        (time(10), time(10, 30)),
        (time(10, 30), time(11)),
        (time(11), time(11, 30)),
        (time(14), time(14, 30)),
        (time(14, 30), time(15)),
    ]
    assert slot_times(ranges, 90) == [(time(9), time(10, 30)), (time(14), time(15, 30))][:1]
    with pytest.raises(ValueError):
        slot_times(ranges, 0)


def test_weekdays():
    assert parse_weekdays("12345") == {0, 1, 2, 3, 4}
    assert parse_weekdays("7x1") == {0, 6}
    assert describe_weekdays("12345") == "周一至周五"
    assert describe_weekdays("246") == "周二、周四、周六"
