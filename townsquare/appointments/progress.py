"""What the resident hears about a booking (约上了, 改约, 取消, 前一个工作日的提醒), through core.notify.

The reminder (reminders.py) also goes through here; only a booking no message can reach gets a
``Notification`` record for the window's staff to phone."""

from django.conf import settings
from django.urls import reverse

from townsquare.core.notify import notify_resident
from townsquare.core.notify.texts import day


def _when(slot):
    return f"{day(slot.day)} {slot.start:%H:%M}"


def tell(booking, kind, key, now=None, **params):
    return notify_resident(
        kind,
        booking,
        reference=booking.display_code,
        email=booking.email,
        phone=booking.phone,
        params={"when": _when(booking.slot), **params},
        link=settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("appointments:lookup"),
        key=key,
        now=now,
    )


def booked(booking):
    return tell(booking, "booking_made", "once", now=booking.created_at)


def moved(booking):
    return tell(booking, "booking_moved", f"slot{booking.slot_id}-{booking.moved_count}", now=booking.changed_at)


def cancelled(booking):
    return tell(booking, "booking_cancelled", "once", now=booking.changed_at)


def reminder_key(booking):
    return f"slot{booking.slot_id}"


def reminded(booking, details=""):
    """The reminder of the working day before, once per slot; ``details``: the e-mail's lines on place and service."""
    return tell(booking, "booking_reminder", reminder_key(booking), details=details)
