"""Reminders on the working day before an appointment: an e-mail where the resident gave one,
a notification record for the window's staff otherwise. Never twice.

"The working day before": on a working day, every booking from tomorrow up to and including
the next working day is reminded (on a Friday that is Saturday to Monday). A booking made
later than that, e.g. on a Saturday for Monday, is reminded when the job next runs; the
unique (booking, slot, kind) row makes sure nobody hears twice, even when two runs overlap.
A moved booking is reminded again, of its new time.
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from townsquare.core.workdays import is_working_day, working_days_after

from . import progress
from .hours import WEEKDAY_NAMES
from .models import Booking, Notification

logger = logging.getLogger(__name__)


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


def reminder_text(booking):
    slot, service, window = booking.slot, booking.service, booking.service.window
    when = f"{slot.day:%Y年%m月%d日} {WEEKDAY_NAMES[slot.day.weekday()]} {slot.start:%H:%M}-{slot.end:%H:%M}"
    subject = f"预约提醒：{when[:11]} {service.title}"
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    lines = [
        f"{booking.name}，您好：",
        "",
        f"您预约了{when}在{window.place}（{window.name}）办理“{service.title}”。",
        f"预约码：{booking.display_code}",
    ]
    if service.notes:
        lines.append(f"须知：{service.notes}")
    lines += [
        "",
        f"不能按时来的话，请改约或取消，把名额让给别人：{base}{reverse('appointments:lookup')}",
        f"咨询电话：{window.phone}" if window.phone else "",
        "",
        window.unit.name,
    ]
    return subject, "\n".join(line for line in lines if line is not None)


def send_reminders(today=None):
    """Send (or record) every reminder due today; returns how many were made."""
    made = 0
    for booking in due_for_reminder(today):
        subject, body = reminder_text(booking)
        channel = Notification.Channel.EMAIL if booking.email else Notification.Channel.RECORD
        try:
            with transaction.atomic():
                notification = Notification.objects.create(
                    booking=booking,
                    slot=booking.slot,
                    kind=Notification.Kind.REMINDER,
                    channel=channel,
                    subject=subject,
                    body=body,
                )
        except IntegrityError:
            continue  # reminded already (or another run is doing it right now)
        made += 1
        progress.reminded(booking)
        if channel == Notification.Channel.EMAIL:
            _deliver(notification, booking.email)
    # E-mails that failed earlier are tried again (they were never sent, so this is not "twice").
    for notification in (
        Notification.objects.filter(
            channel=Notification.Channel.EMAIL,
            sent_at__isnull=True,
            booking__status=Booking.Status.BOOKED,
            slot__day__gt=today or timezone.localdate(),
        )
        .exclude(error="")
        .select_related("booking")
    ):
        _deliver(notification, notification.booking.email)
    return made


def _deliver(notification, address):
    try:
        send_mail(notification.subject, notification.body, None, [address])
    except Exception as error:  # the mail server may be down: try again on the next run
        logger.warning("reminder e-mail for booking %s failed", notification.booking_id, exc_info=True)
        Notification.objects.filter(pk=notification.pk).update(error=str(error)[:300] or "发送失败")
        return False
    Notification.objects.filter(pk=notification.pk).update(sent_at=timezone.now(), error="")
    return True
