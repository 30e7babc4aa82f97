"""What the resident hears about a booking (约上了, 改约, 取消, 前一个工作日的提醒), through core.notify.

The reminder e-mail keeps its fuller text and its own record (reminders.py, ``Notification``);
the reminder SMS goes through core.notify, like every other message here."""

from django.conf import settings
from django.urls import reverse

from townsquare.core.notify import notify_resident
from townsquare.core.notify.texts import day


def _when(slot):
    return f"{day(slot.day)} {slot.start:%H:%M}"


def tell(booking, kind, key, email=None, now=None):
    return notify_resident(
        kind,
        booking,
        reference=booking.display_code,
        email=booking.email if email is None else email,
        phone=booking.phone,
        params={"when": _when(booking.slot)},
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


def reminded(booking):
    """The SMS of the reminder (its e-mail goes from reminders.py)."""
    return tell(booking, "booking_reminder", f"slot{booking.slot_id}", email="")
