"""Taking, moving and giving back places; checking people in. Never overbooked.

A place is taken with one conditional UPDATE, ``booked = booked + 1 WHERE booked <
capacity``, in the same transaction as the booking row. On PostgreSQL a second UPDATE of
the same slot waits for the first to commit and then re-checks the condition on the new
row, so of N bookings for the last place exactly one matches; on SQLite writers are
serialised (the project opens write transactions IMMEDIATE), so the same holds. When
SQLite's lock wait runs out the booking fails with ``Busy`` (the resident is asked to
try again): a failure, never an overbooking.

The per-phone daily limit is counted inside the same transaction; on PostgreSQL a
transaction-scoped advisory lock on (service, phone, day) serialises bookings of the same
phone for the same day, so two parallel requests cannot both slip under the limit.
"""

import copy
import hashlib
import time as _time
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, OperationalError, connection, transaction
from django.db.models import F
from django.utils import timezone

from . import progress
from .models import ACTIVE_STATUSES, Booking, Slot


class BookingError(Exception):
    """A booking that cannot be made or changed; ``field`` says which form field the message belongs to."""

    field = None

    def __init__(self, message, field=None):
        super().__init__(message)
        if field:
            self.field = field


class SlotFull(BookingError):
    field = "slot"


class SlotClosed(BookingError):
    field = "slot"


class LimitReached(BookingError):
    field = "phone"


class NotChangeable(BookingError):
    pass


class Busy(BookingError):
    """The database was too busy (SQLite lock wait ran out): nothing was booked."""


def min_notice():
    return timedelta(minutes=settings.APPOINTMENT_MIN_NOTICE_MINUTES)


def is_bookable_time(slot, now=None):
    """Slot still far enough ahead to be booked (or moved to)."""
    now = now or timezone.now()
    return slot.starts_at() >= now + min_notice()


def _lock_phone_day(service_id, phone, day):
    if connection.vendor != "postgresql":
        return  # SQLite: write transactions are serialised already
    digest = hashlib.sha256(f"appointments:{service_id}:{phone}:{day.isoformat()}".encode()).digest()
    key = int.from_bytes(digest[:8], "big", signed=True)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [key])


def _check_phone_limit(service, phone, day, exclude_pk=None):
    _lock_phone_day(service.pk, phone, day)
    taken = Booking.objects.filter(service=service, phone=phone, slot__day=day, status__in=ACTIVE_STATUSES)
    if exclude_pk:
        taken = taken.exclude(pk=exclude_pk)
    limit = service.max_per_phone_per_day
    if taken.count() >= limit:
        raise LimitReached(f"同一个手机号每天最多预约这个事项{limit}次。您这天已经约过了，可以查看或改约已有的预约。")


def _take_place(slot, now):
    """The conditional UPDATE: 1 when a place was taken, 0 when the slot is full or closed."""
    if slot.withdrawn or not is_bookable_time(slot, now):
        raise SlotClosed("这个时段已经不能预约了，请换一个时段。")
    taken = Slot.objects.filter(pk=slot.pk, withdrawn=False, booked__lt=F("capacity")).update(booked=F("booked") + 1)
    if not taken:
        raise SlotFull("这个时段刚刚约满了，请换一个时段。")


def _release_place(slot_id):
    Slot.objects.filter(pk=slot_id, booked__gt=0).update(booked=F("booked") - 1)


def _retrying(func):
    """Run ``func`` in a transaction; SQLite's 'database is locked' is retried briefly, then becomes Busy."""
    attempts = settings.APPOINTMENT_BUSY_RETRIES
    for attempt in range(attempts):
        try:
            with transaction.atomic():
                return func()
        except OperationalError as error:
            if "locked" not in str(error).lower() and "busy" not in str(error).lower():
                raise
            if attempt == attempts - 1:
                raise Busy("现在预约的人很多，系统没能处理您的预约（没有约上）。请稍等几秒再提交一次。") from error
            _time.sleep(0.05 * (attempt + 1))
    return None  # pragma: no cover - the loop returns or raises


def book(slot, name, phone, email="", submission_key=None, now=None):
    """Take a place in ``slot``; returns the Booking or raises a BookingError (nothing booked then)."""
    now = now or timezone.now()
    slot_pk = slot.pk

    def attempt():
        if submission_key:
            existing = Booking.objects.filter(submission_key=submission_key).first()
            if existing is not None:
                return existing
        slot = Slot.objects.select_related("service").get(pk=slot_pk)
        service = slot.service
        if not service.active:
            raise SlotClosed("这个事项暂停预约了。")
        _check_phone_limit(service, phone, slot.day)
        _take_place(slot, now)
        made = _create_booking(service, slot, name, phone, email, submission_key, now)
        progress.booked(made)  # in the same transaction: a lock that undoes the booking undoes its message too
        return made

    try:
        return _retrying(attempt)
    except IntegrityError:
        # The same submission was stored meanwhile by a parallel request (double click): that booking is it.
        existing = Booking.objects.filter(submission_key=submission_key).first() if submission_key else None
        if existing is None:
            raise
        return existing


def _create_booking(service, slot, name, phone, email, submission_key, now):
    for _ in range(5):
        try:
            with transaction.atomic():  # a savepoint: a code that exists already just draws another
                return Booking.objects.create(
                    service=service,
                    slot=slot,
                    name=name,
                    phone=phone,
                    email=email or "",
                    submission_key=submission_key or None,
                    created_at=now,
                    changed_at=now,
                )
        except IntegrityError:
            if submission_key and Booking.objects.filter(submission_key=submission_key).exists():
                raise
    raise IntegrityError("no free booking code after 5 draws")


def cancel(booking, now=None):
    """Cancel a booking and give its place back (exactly once, however often it is asked)."""
    now = now or timezone.now()
    if not booking.can_change:
        raise NotChangeable("这个预约已经不能取消了（已取消、已办理，或时间已到）。")

    def attempt():
        done = Booking.objects.filter(pk=booking.pk, status=Booking.Status.BOOKED).update(
            status=Booking.Status.CANCELLED, changed_at=now
        )
        if not done:
            raise NotChangeable("这个预约已经取消了。")
        _release_place(booking.slot_id)
        cancelled = copy.copy(booking)  # the caller's booking changes only once the cancellation is committed
        cancelled.status, cancelled.changed_at = Booking.Status.CANCELLED, now
        progress.cancelled(cancelled)  # in the same transaction, retried with it

    _retrying(attempt)
    booking.status, booking.changed_at = Booking.Status.CANCELLED, now
    return booking


def move(booking, new_slot, now=None):
    """Move a booking to another slot of the same service: take the new place, then give the old one back."""
    now = now or timezone.now()
    if new_slot.service_id != booking.service_id:
        raise SlotClosed("只能改约同一个事项的时段。")
    if new_slot.pk == booking.slot_id:
        raise BookingError("这就是您现在约的时段，请选一个别的时段。", field="slot")
    if not booking.can_change:
        raise NotChangeable("这个预约已经不能改约了（已取消、已办理，或时间已到）。")
    old_slot_id, new_slot_pk, moved_count = booking.slot_id, new_slot.pk, booking.moved_count

    def attempt():
        new_slot = Slot.objects.select_related("service").get(pk=new_slot_pk)
        if new_slot.day != booking.slot.day:
            _check_phone_limit(new_slot.service, booking.phone, new_slot.day, exclude_pk=booking.pk)
        _take_place(new_slot, now)
        moved = Booking.objects.filter(pk=booking.pk, status=Booking.Status.BOOKED, slot_id=old_slot_id).update(
            slot=new_slot, changed_at=now, moved_count=F("moved_count") + 1
        )
        if not moved:  # cancelled or moved meanwhile: the exception rolls the new place back
            raise NotChangeable("这个预约刚刚已经变更过了，请刷新页面看看。")
        _release_place(old_slot_id)
        moved = copy.copy(booking)  # the caller's booking changes only once the move is committed
        moved.slot, moved.changed_at, moved.moved_count = new_slot, now, moved_count + 1
        progress.moved(moved)  # in the same transaction, retried with it
        return new_slot

    booking.slot = _retrying(attempt)
    booking.changed_at, booking.moved_count = now, moved_count + 1
    return booking


def _staff_mark(booking, status, user, now):
    now = now or timezone.now()
    if booking.status == status:
        return booking
    if booking.status == Booking.Status.CANCELLED:
        raise NotChangeable("这个预约已经取消了。")
    if status == Booking.Status.NO_SHOW and booking.slot.starts_at() > now:
        raise NotChangeable("预约时间还没到，不能标记为未到场。")
    if booking.slot.day > timezone.localdate(now):
        raise NotChangeable("还没到预约的日子，不能签到。")
    updated = Booking.objects.filter(
        pk=booking.pk, status__in=(Booking.Status.BOOKED, Booking.Status.CHECKED_IN, Booking.Status.NO_SHOW)
    ).update(status=status, changed_at=now, handled_by=user)
    if not updated:
        raise NotChangeable("这个预约刚刚已经变更过了。")
    booking.status, booking.changed_at, booking.handled_by = status, now, user
    return booking


def check_in(booking, user, now=None):
    return _staff_mark(booking, Booking.Status.CHECKED_IN, user, now)


def mark_no_show(booking, user, now=None):
    return _staff_mark(booking, Booking.Status.NO_SHOW, user, now)
