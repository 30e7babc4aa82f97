"""What the resident's pages show: bookable days and slots, bookings as the public may see them (masked)."""

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from townsquare.core.privacy import mask_name, mask_text

from .booking import is_bookable_time
from .hours import WEEKDAY_NAMES
from .models import BookableService, Booking, Slot, Window
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


def _by_time(bookings, now):
    """(upcoming, past): booked ones still to come first in time, the others latest first."""
    upcoming, past = [], []
    for booking in bookings:
        if booking.status == Booking.Status.BOOKED and booking.slot.ends_at() > now:
            upcoming.append(booking)
        else:
            past.append(booking)
    past.reverse()
    return upcoming, past


def _with_facts(bookings):
    return bookings.select_related("slot", "service__guide", "service__window__unit").order_by(
        "slot__day", "slot__start", "pk"
    )


def other_bookings(booking, codes, now=None):
    """(upcoming, past) bookings with ``booking``'s phone among ``codes`` (those this browser proved),
    without ``booking`` itself. Knowing a phone number never lists its bookings."""
    bookings = Booking.objects.filter(phone=booking.phone, code__in=codes).exclude(pk=booking.pk)
    return _by_time(_with_facts(bookings), now or timezone.now())


def granted_bookings(codes, now=None):
    """(upcoming, past): the bookings among ``codes`` (those this browser proved), in one query."""
    return _by_time(_with_facts(Booking.objects.filter(code__in=codes)), now or timezone.now())


def help_windows(service_pk=None):
    """Whom to ring for a forgotten code: the window of the service being looked up, or every window
    that takes bookings and has a phone (one query)."""
    windows = (
        Window.objects.filter(active=True, services__active=True)
        .exclude(phone="")
        .select_related("unit")
        .order_by("unit__sort_order", "sort_order", "pk")
        .distinct()
    )
    if service_pk:
        chosen = list(windows.filter(services__pk=service_pk))
        if chosen:
            return chosen
    return list(windows)


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
