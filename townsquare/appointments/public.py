"""What the resident's pages show: bookable days and slots, bookings as the public may see them (masked)."""

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from townsquare.core.privacy import mask_name, mask_text

from .booking import is_bookable_time
from .hours import WEEKDAY_NAMES
from .models import BookableService, Booking, Slot
from .slots import booking_horizon, ensure_slots


def mask_phone(phone):
    return mask_text(phone or "")


def bookable_services():
    return (
        BookableService.objects.filter(active=True, window__active=True, guide__live=True)
        .select_related("guide", "window__unit")
        .order_by("window__unit__sort_order", "window__sort_order", "pk")
    )


def bookable_service(pk):
    return bookable_services().filter(pk=pk).first()


@dataclass
class Day:
    day: date
    remaining: int
    slots: list

    @property
    def weekday(self):
        return WEEKDAY_NAMES[self.day.weekday()]

    @property
    def iso(self):
        return self.day.isoformat()


def open_days(service, now=None):
    """The days from today to the horizon with at least one place left, each with its bookable slots (one query)."""
    now = now or timezone.now()
    ensure_slots(service, timezone.localdate(now))
    start, end = booking_horizon(service, timezone.localdate(now))
    slots = Slot.objects.filter(service=service, day__range=(start, end), withdrawn=False).order_by("day", "start")
    days = {}
    for slot in slots:
        if slot.remaining <= 0 or not is_bookable_time(slot, now):
            continue
        entry = days.setdefault(slot.day, Day(slot.day, 0, []))
        entry.remaining += slot.remaining
        entry.slots.append(slot)
    return list(days.values())


def parse_day(text):
    try:
        return date.fromisoformat(text or "")
    except ValueError:
        return None


def other_bookings(booking, codes, now=None):
    """(upcoming, past) bookings with ``booking``'s phone among ``codes`` (those this browser proved),
    without ``booking`` itself. Knowing a phone number never lists its bookings."""
    now = now or timezone.now()
    bookings = (
        Booking.objects.filter(phone=booking.phone, code__in=codes)
        .exclude(pk=booking.pk)
        .select_related("slot", "service__guide", "service__window__unit")
        .order_by("slot__day", "slot__start", "pk")
    )
    upcoming, past = [], []
    for other in bookings:
        if other.status == Booking.Status.BOOKED and other.slot.ends_at() > now:
            upcoming.append(other)
        else:
            past.append(other)
    past.reverse()
    return upcoming, past


class Shown:
    """A booking as pages show it: name and phone masked, always."""

    def __init__(self, booking):
        self.booking = booking

    def __getattr__(self, name):
        return getattr(self.booking, name)

    @property
    def name(self):
        return mask_name(self.booking.name)

    @property
    def phone(self):
        return mask_phone(self.booking.phone)

    @property
    def email(self):
        return mask_text(self.booking.email)

    @property
    def weekday(self):
        return WEEKDAY_NAMES[self.booking.slot.day.weekday()]

    @property
    def badge(self):
        return {
            Booking.Status.BOOKED: "badge-open",
            Booking.Status.CHECKED_IN: "badge-plain",
            Booking.Status.CANCELLED: "badge-ended",
            Booking.Status.NO_SHOW: "badge-ended",
        }.get(self.booking.status, "badge-plain")
