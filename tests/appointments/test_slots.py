"""Slot generation: China's working-day calendar (2024-2026 against an independent data set), weekdays,
single-day exceptions, county overrides, and regeneration that never loses a booking."""

import json
from datetime import date, time, timedelta
from pathlib import Path

import pytest

from townsquare.appointments import booking as booking_rules
from townsquare.appointments.models import DayException, Slot
from townsquare.appointments.slots import ensure_slots, planned_slots, sync_slots
from townsquare.core.models import WorkdayOverride

from .conftest import NOW, at, make_service, slot_at

HOLIDAYS = Path(__file__).resolve().parents[2].parent / "shared" / "datasets" / "holidays"
pytestmark = pytest.mark.django_db


def official_working_days(year):
    path = HOLIDAYS / f"holiday-cn-{year}.json"
    if not path.exists():
        pytest.skip(f"shared data set missing: {path}")
    special = {date.fromisoformat(d["date"]): not d["isOffDay"] for d in json.loads(path.read_text())["days"]}
    days, day = set(), date(year, 1, 1)
    while day.year == year:
        if special.get(day, day.weekday() < 5):
            days.add(day)
        day += timedelta(days=1)
    return days, {d for d, working in special.items() if working and d.weekday() >= 5 and d.year == year}


@pytest.mark.parametrize("year", [2024, 2025, 2026])
def test_open_days_are_exactly_the_official_working_days(year, guide, window):
    service = make_service(guide, window, hours="09:00-10:00", slot_minutes=60)
    working, makeup = official_working_days(year)
    assert makeup, "the data set should hold make-up working days (调休上班)"
    planned = planned_slots(service, date(year, 1, 1), date(year, 12, 31))
    assert {p.day for p in planned} == working
    assert len(planned) == len(working)  # one slot a day


@pytest.mark.parametrize("year", [2024, 2025, 2026])
def test_make_up_days_can_be_left_closed_and_weekdays_chosen(year, guide, window):
    working, makeup = official_working_days(year)
    service = make_service(guide, window, hours="09:00-10:00", slot_minutes=60, weekdays="135")
    days = {p.day for p in planned_slots(service, date(year, 1, 1), date(year, 12, 31))}
    assert days == {d for d in working if d.weekday() in (0, 2, 4)} | makeup
    service.open_on_makeup_days = False
    days = {p.day for p in planned_slots(service, date(year, 1, 1), date(year, 12, 31))}
    assert days == {d for d in working if d.weekday() in (0, 2, 4)}


def test_stored_slots_across_national_day_2025(guide, window):
    """Received on Friday 2025-09-26: 09-28 (Sunday) works, 10-01..10-08 are off, 10-11 (Saturday) works."""
    with at(NOW.replace(year=2025, month=9, day=26)):
        service = make_service(guide, window, days_ahead=16)  # saving generates the slots
    days = sorted(set(Slot.objects.filter(service=service).values_list("day", flat=True)))
    assert days == [
        date(2025, 9, 26),
        date(2025, 9, 28),
        date(2025, 9, 29),
        date(2025, 9, 30),
        date(2025, 10, 9),
        date(2025, 10, 10),
        date(2025, 10, 11),
    ]
    # 09:00-11:30 and 14:00-17:00 in 30 minutes: 5 + 6 slots a day, 2 places each.
    assert Slot.objects.filter(service=service, day=date(2025, 9, 29)).count() == 11
    assert set(Slot.objects.filter(service=service).values_list("capacity", flat=True)) == {2}


def test_exceptions_close_a_day_or_change_its_hours_and_places(service):
    closed, changed, opened = date(2026, 12, 3), date(2026, 12, 4), date(2026, 12, 5)  # Thu, Fri, Sat
    DayException.objects.create(service=service, day=closed, closed=True, note="系统升级")
    DayException.objects.create(service=service, day=changed, hours="09:00-10:00", capacity=5)
    DayException.objects.create(service=service, day=opened, hours="09:00-10:00")  # a Saturday opened
    assert not Slot.objects.filter(service=service, day=closed).exists()
    assert list(Slot.objects.filter(service=service, day=changed).values_list("start", "capacity")) == [
        (time(9), 5),
        (time(9, 30), 5),
    ]
    assert list(Slot.objects.filter(service=service, day=opened).values_list("start", "capacity")) == [
        (time(9), 2),
        (time(9, 30), 2),
    ]
    # Removing the exception brings the regular day back.
    DayException.objects.get(day=closed).delete()
    assert Slot.objects.filter(service=service, day=closed).count() == 11


def test_a_county_override_closes_a_day_and_keeps_its_bookings(service, slot):
    booking = booking_rules.book(slot, "王五", "13800000001")
    WorkdayOverride.objects.create(day=slot.day, is_working_day=False, note="县里临时放假")
    slot.refresh_from_db()
    assert slot.withdrawn and slot.booked == 1
    assert Slot.objects.filter(service=service, day=slot.day).count() == 1  # the empty ones are gone
    booking.refresh_from_db()
    assert booking.status == booking.Status.BOOKED
    with pytest.raises(booking_rules.SlotClosed):
        booking_rules.book(slot, "赵六", "13800000002")
    # And a Saturday the county makes a working day opens.
    WorkdayOverride.objects.create(day=date(2026, 12, 12), is_working_day=True)
    assert Slot.objects.filter(service=service, day=date(2026, 12, 12)).count() == 11


def test_changing_the_rules_keeps_bookings_and_follows_capacity(service, slot):
    booking_rules.book(slot, "王五", "13800000001")
    other = slot_at(service, slot.day, time(14, 0))
    service.hours = "09:00-11:30"
    service.capacity = 3
    service.save()
    slot.refresh_from_db()
    assert (slot.capacity, slot.booked, slot.withdrawn) == (3, 1, False)
    assert not Slot.objects.filter(pk=other.pk).exists()
    # A new slot length: 09:00 still starts a slot (its end follows); the booked 09:30 is kept, withdrawn.
    service.slot_minutes = 30
    service.save()
    half_past = slot_at(service, slot.day, time(9, 30))
    booking_rules.book(half_past, "赵六", "13800000002")
    service.slot_minutes = 60
    service.save()
    slot.refresh_from_db(), half_past.refresh_from_db()
    assert (slot.end, slot.booked, slot.withdrawn) == (time(10), 1, False)
    assert half_past.withdrawn and half_past.booked == 1
    starts = list(Slot.objects.filter(service=service, day=slot.day, withdrawn=False).values_list("start", flat=True))
    assert starts == [time(9), time(10)]
    with pytest.raises(booking_rules.SlotClosed):
        booking_rules.book(half_past, "孙七", "13800000003")
    # Back to 30 minutes: the kept slot is offered again, with its booking counted.
    service.slot_minutes = 30
    service.save()
    half_past.refresh_from_db()
    assert not half_past.withdrawn and half_past.booked == 1 and half_past.remaining == 2


def test_sync_is_idempotent_and_on_demand_generation_is_lazy(service):
    count = Slot.objects.filter(service=service).count()
    assert sync_slots(service) == (0, 0, 0, 0)
    assert Slot.objects.filter(service=service).count() == count
    assert ensure_slots(service) is False
    with at(NOW + timedelta(days=3)):
        assert ensure_slots(service) is True
    assert service.slots_until == NOW.date() + timedelta(days=3 + service.days_ahead)


def test_a_paused_service_keeps_only_booked_slots(service, slot):
    booking_rules.book(slot, "王五", "13800000001")
    service.active = False
    service.save()
    assert list(Slot.objects.filter(service=service).values_list("pk", flat=True)) == [slot.pk]
