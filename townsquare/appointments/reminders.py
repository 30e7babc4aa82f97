"""Reminders on the working day before an appointment, through core.notify: an e-mail where the
resident gave one and an SMS where a provider is set (the ``Delivery`` log, retries, opt-out); a
notification record for the window's staff to phone when neither can go. Never twice.

"The working day before": on a working day, every booking from tomorrow up to and including
the next working day is reminded (on a Friday that is Saturday to Monday). A booking made
later than that, e.g. on a Saturday for Monday, is reminded when the job next runs; the
deliveries' key (the slot) and the unique (booking, slot, kind) record make sure nobody hears
twice, even when two runs overlap. A moved booking is reminded again, of its new time.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.utils import timezone

from townsquare.core.models import Delivery
from townsquare.core.workdays import is_working_day, working_days_after

from . import progress
from .hours import WEEKDAY_NAMES
from .models import Booking, Notification


def due_for_reminder(today=None):
    """Booked appointments whose reminder is due today (none on a day off)."""
    today = today or timezone.localdate()
    if not is_working_day(today):
        return Booking.objects.none()
    until = working_days_after(today, 1)
    return (
        Booking.objects.filter(status=Booking.Status.BOOKED, slot__day__gt=today, slot__day__lte=until)
        .select_related("slot", "service__guide", "service__window__unit")
        .order_by("slot__day", "slot__start", "pk")
    )


def reminder_details(booking):
    """The lines the reminder e-mail adds below its lead: where, what, the window's notes and phone
    (what the window publishes anyway; nothing about the resident)."""
    service, window = booking.service, booking.service.window
    lines = [f"地点：{window.place}（{window.name}）", f"事项：{service.title}"]
    if service.notes:
        lines.append(f"须知：{service.notes}")
    if window.phone:
        lines.append(f"咨询电话：{window.phone}")
    return "\n".join(lines)


def record_text(booking):
    """(subject, body) of the record the window's staff read out on the phone."""
    slot, service, window = booking.slot, booking.service, booking.service.window
    when = f"{slot.day:%Y年%m月%d日} {WEEKDAY_NAMES[slot.day.weekday()]} {slot.start:%H:%M}-{slot.end:%H:%M}"
    subject = f"预约提醒：{when[:11]} {service.title}"
    body = f"请电话提醒{booking.name}：{when}在{window.place}（{window.name}）办理“{service.title}”"
    body += f"，预约码{booking.display_code}。"
    return subject, body


def send_reminders(today=None):
    """Send every reminder due today (a record where no message can go); returns how many bookings were reminded."""
    made, booking_type = 0, ContentType.objects.get_for_model(Booking)
    for booking in due_for_reminder(today):
        if progress.reminded(booking, details=reminder_details(booking)):
            made += 1
            continue
        if Delivery.objects.filter(
            case_type=booking_type, case_id=booking.pk, kind="booking_reminder", key=progress.reminder_key(booking)
        ).exists():
            continue  # reminded already, or opted out (退订)
        subject, body = record_text(booking)
        try:
            with transaction.atomic():
                Notification.objects.create(
                    booking=booking,
                    slot=booking.slot,
                    kind=Notification.Kind.REMINDER,
                    channel=Notification.Channel.RECORD,
                    subject=subject,
                    body=body,
                )
        except IntegrityError:
            continue  # recorded already (or another run is doing it right now)
        made += 1
    return made
