"""Which days and times a service offers, and keeping the stored slots in step with the rules.

A day is open when it is a working day in China's calendar (holidays closed, 调休
make-up working days open, county overrides via core.workdays) and the service serves
on that weekday; a make-up working day on a weekend follows ``open_on_makeup_days``.
A single-day exception closes a day, or gives it other hours or places (and may open a
day that would otherwise be closed).

``sync_slots`` makes the stored slots match the rules from today on, safely: new times
are added, capacities follow the rules, a time the rules no longer offer is deleted when
empty and kept (withdrawn from booking) when it holds bookings. Bookings are never lost.
"""

from dataclasses import dataclass
from datetime import date, time, timedelta

from django.db import transaction
from django.utils import timezone

from townsquare.core.workdays import is_working_day

from .hours import parse_hours, parse_weekdays, slot_times
from .models import BookableService, DayException, Slot


@dataclass(frozen=True)
class PlannedSlot:
    day: date
    start: time
    end: time
    capacity: int


def is_open_day(service, day, exception=None):
    """Whether ``service`` takes bookings on ``day`` by its rules (before looking at capacity)."""
    if exception is not None:
        if exception.closed:
            return False
        if exception.hours:
            return True  # explicit hours for the day open it, even on a day off
    if not is_working_day(day):
        return False
    if day.weekday() in parse_weekdays(service.weekdays):
        return True
    return day.weekday() >= 5 and service.open_on_makeup_days  # a weekend that is a make-up working day


def planned_slots(service, start, end, exceptions=None):
    """Every slot the rules give from ``start`` to ``end`` (both included)."""
    if exceptions is None:
        exceptions = {e.day: e for e in DayException.objects.filter(service=service, day__range=(start, end))}
    ranges = parse_hours(service.hours)
    regular = slot_times(ranges, service.slot_minutes)
    planned = []
    day = start
    while day <= end:
        exception = exceptions.get(day)
        if is_open_day(service, day, exception):
            times = regular
            capacity = service.capacity
            if exception is not None:
                if exception.hours:
                    times = slot_times(parse_hours(exception.hours), service.slot_minutes)
                if exception.capacity:
                    capacity = exception.capacity
            planned.extend(PlannedSlot(day, s, e, capacity) for s, e in times)
        day += timedelta(days=1)
    return planned


def booking_horizon(service, today=None):
    today = today or timezone.localdate()
    return today, today + timedelta(days=service.days_ahead)


def sync_slots(service, today=None):
    """Make stored slots from today to the horizon match the rules; returns (added, changed, removed, withdrawn)."""
    start, end = booking_horizon(service, today)
    wanted = {} if not service.active else {(p.day, p.start): p for p in planned_slots(service, start, end)}
    added = changed = removed = withdrawn = 0
    with transaction.atomic():
        existing = list(Slot.objects.filter(service=service, day__gte=start))
        for slot in existing:
            plan = wanted.pop((slot.day, slot.start), None)
            if plan is None:
                if slot.day > end and not slot.withdrawn:
                    continue  # beyond a shortened horizon: left for when it comes back into range
                # Deleted only while empty (the condition is checked in the database, not in memory).
                deleted, _ = Slot.objects.filter(pk=slot.pk, booked=0).exclude(bookings__isnull=False).delete()
                if deleted:
                    removed += 1
                elif not slot.withdrawn:
                    Slot.objects.filter(pk=slot.pk).update(withdrawn=True)
                    withdrawn += 1
                continue
            if slot.capacity != plan.capacity or slot.end != plan.end or slot.withdrawn:
                Slot.objects.filter(pk=slot.pk).update(capacity=plan.capacity, end=plan.end, withdrawn=False)
                changed += 1
        new = [Slot(service=service, day=p.day, start=p.start, end=p.end, capacity=p.capacity) for p in wanted.values()]
        # ignore_conflicts: another process generating at the same moment is no error.
        Slot.objects.bulk_create(new, ignore_conflicts=True)
        added = len(new)
        BookableService.objects.filter(pk=service.pk).update(slots_until=end)
        service.slots_until = end
    return added, changed, removed, withdrawn


def ensure_slots(service, today=None):
    """Generate slots on demand when the stored ones do not reach the horizon yet (no query otherwise)."""
    _, end = booking_horizon(service, today)
    if service.slots_until is None or service.slots_until < end:
        sync_slots(service, today)
        return True
    return False


def sync_all(today=None):
    """The scheduled work: every service's slots up to its horizon."""
    count = 0
    for service in BookableService.objects.select_related("window"):
        sync_slots(service, today)
        count += 1
    return count
