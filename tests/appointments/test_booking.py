"""Taking, giving back and moving places; the per-phone limit; staff marks."""

from datetime import date, time, timedelta

import pytest

from townsquare.appointments import booking as booking_rules
from townsquare.appointments.models import CODE_ALPHABET, Booking, Slot, normalise_code

from .conftest import NOW, at, make_guide, make_service, make_window, slot_at

pytestmark = pytest.mark.django_db


def fresh(slot):
    return Slot.objects.get(pk=slot.pk)


def test_booking_takes_a_place_and_gives_a_readable_code(slot):
    booking = booking_rules.book(slot, "张三丰", "13812345678", email="zs@example.com")
    assert fresh(slot).booked == 1
    assert len(booking.code) == 8 and set(booking.code) <= set(CODE_ALPHABET)
    assert not set(booking.code) & set("01OIL")
    assert booking.display_code == f"{booking.code[:4]}-{booking.code[4:]}"
    assert normalise_code(booking.display_code.lower() + " ") == booking.code
    assert normalise_code("ABCD-EFG0") == ""


def test_a_full_slot_refuses_and_nothing_is_stored(slot):
    booking_rules.book(slot, "甲", "13800000001")
    booking_rules.book(slot, "乙", "13800000002")
    with pytest.raises(booking_rules.SlotFull) as error:
        booking_rules.book(slot, "丙", "13800000003")
    assert error.value.field == "slot" and "约满" in str(error.value)
    assert fresh(slot).booked == 2
    assert Booking.objects.filter(slot=slot).count() == 2


def test_too_late_or_withdrawn_slots_cannot_be_booked(service, slot):
    with at(NOW.replace(day=2, hour=8, minute=45)):  # 15 minutes before, the notice is 30
        with pytest.raises(booking_rules.SlotClosed):
            booking_rules.book(slot, "甲", "13800000001")
    Slot.objects.filter(pk=slot.pk).update(withdrawn=True)
    with pytest.raises(booking_rules.SlotClosed):
        booking_rules.book(slot, "甲", "13800000001")


def test_one_phone_one_booking_per_day_per_service(service, slot, settings):
    booking_rules.book(slot, "甲", "13800000001")
    later = slot_at(service, slot.day, time(14, 0))
    with pytest.raises(booking_rules.LimitReached) as error:
        booking_rules.book(later, "甲", "13800000001")
    assert error.value.field == "phone"
    # Another day is fine, and a cancelled booking does not count.
    booking_rules.book(slot_at(service, date(2026, 12, 3), time(9, 0)), "甲", "13800000001")
    booking = booking_rules.book(later, "乙", "13800000002")
    booking_rules.cancel(booking)
    booking_rules.book(slot_at(service, slot.day, time(15, 0)), "乙", "13800000002")


def test_the_daily_limit_comes_from_the_setting(frozen, guide, window, settings):
    settings.APPOINTMENT_MAX_PER_PHONE_PER_DAY = 2
    service = make_service(guide, window)
    assert service.max_per_phone_per_day == 2
    day = date(2026, 12, 2)
    booking_rules.book(slot_at(service, day, time(9, 0)), "甲", "13800000001")
    booking_rules.book(slot_at(service, day, time(9, 30)), "甲", "13800000001")
    with pytest.raises(booking_rules.LimitReached):
        booking_rules.book(slot_at(service, day, time(10, 0)), "甲", "13800000001")


def test_the_same_submission_books_once(slot):
    first = booking_rules.book(slot, "甲", "13800000001", submission_key="k" * 24)
    again = booking_rules.book(slot, "甲", "13800000001", submission_key="k" * 24)
    assert first.pk == again.pk and fresh(slot).booked == 1


def test_cancel_gives_the_place_back_exactly_once(slot):
    booking = booking_rules.book(slot, "甲", "13800000001")
    booking_rules.cancel(booking)
    assert fresh(slot).booked == 0
    assert Booking.objects.get(pk=booking.pk).status == Booking.Status.CANCELLED
    with pytest.raises(booking_rules.NotChangeable):
        booking_rules.cancel(booking)
    stale = Booking.objects.get(pk=booking.pk)
    stale.status = Booking.Status.BOOKED  # an old copy in memory: the database says no
    with pytest.raises(booking_rules.NotChangeable):
        booking_rules.cancel(stale)
    assert fresh(slot).booked == 0


def test_move_takes_the_new_place_and_frees_the_old(service, slot):
    booking = booking_rules.book(slot, "甲", "13800000001")
    target = slot_at(service, date(2026, 12, 3), time(10, 0))
    booking_rules.move(booking, target)
    assert (fresh(slot).booked, fresh(target).booked) == (0, 1)
    booking.refresh_from_db()
    assert booking.slot_id == target.pk and booking.moved_count == 1 and booking.status == Booking.Status.BOOKED


def test_move_into_a_full_slot_changes_nothing(service, slot):
    booking = booking_rules.book(slot, "甲", "13800000001")
    target = slot_at(service, slot.day, time(10, 0))
    booking_rules.book(target, "乙", "13800000002")
    booking_rules.book(target, "丙", "13800000003")
    with pytest.raises(booking_rules.SlotFull):
        booking_rules.move(booking, target)
    assert (fresh(slot).booked, fresh(target).booked) == (1, 2)
    assert Booking.objects.get(pk=booking.pk).slot_id == slot.pk


def test_move_respects_the_daily_limit_and_the_service(service, slot, town_b):
    booking = booking_rules.book(slot, "甲", "13800000001")
    other_day = slot_at(service, date(2026, 12, 3), time(9, 0))
    booking_rules.book(other_day, "甲", "13800000001")
    with pytest.raises(booking_rules.LimitReached):
        booking_rules.move(booking, slot_at(service, date(2026, 12, 3), time(10, 0)))
    # Within the same day the limit is no obstacle (the booking itself does not count twice).
    booking_rules.move(booking, slot_at(service, slot.day, time(10, 0)))
    other_service = make_service(make_guide(town_b, "其他事项"), make_window(town_b.unit))
    with pytest.raises(booking_rules.SlotClosed):
        booking_rules.move(booking, Slot.objects.filter(service=other_service).first())


def test_a_moved_stale_booking_cannot_be_moved_twice(service, slot):
    booking = booking_rules.book(slot, "甲", "13800000001")
    stale = Booking.objects.get(pk=booking.pk)
    first, second = slot_at(service, slot.day, time(10, 0)), slot_at(service, slot.day, time(10, 30))
    booking_rules.move(booking, first)
    with pytest.raises(booking_rules.NotChangeable):
        booking_rules.move(stale, second)  # its old slot is no longer its slot
    assert (fresh(slot).booked, fresh(first).booked, fresh(second).booked) == (0, 1, 0)


def test_no_cancel_or_move_after_the_start(service, slot):
    booking = booking_rules.book(slot, "甲", "13800000001")
    with at(NOW.replace(day=2, hour=9, minute=1)):
        booking.refresh_from_db()
        assert not booking.can_change
        with pytest.raises(booking_rules.NotChangeable):
            booking_rules.cancel(booking)
        with pytest.raises(booking_rules.NotChangeable):
            booking_rules.move(booking, slot_at(service, date(2026, 12, 3), time(9, 0)))


def test_staff_check_in_and_no_show(service, slot, town_a):
    present = booking_rules.book(slot, "甲", "13800000001")
    absent = booking_rules.book(slot, "乙", "13800000002")
    with pytest.raises(booking_rules.NotChangeable):
        booking_rules.check_in(present, town_a.editor)  # the day has not come
    with at(NOW.replace(day=2, hour=8, minute=50)):
        booking_rules.check_in(present, town_a.editor)
        with pytest.raises(booking_rules.NotChangeable):
            booking_rules.mark_no_show(absent, town_a.editor)  # not started yet
    with at(NOW.replace(day=2, hour=9, minute=40)):
        booking_rules.mark_no_show(absent, town_a.editor)
    present.refresh_from_db(), absent.refresh_from_db()
    assert present.status == Booking.Status.CHECKED_IN and present.handled_by == town_a.editor
    assert absent.status == Booking.Status.NO_SHOW
    assert fresh(slot).booked == 2  # people who came (or did not) keep their place in the count
    cancelled = booking_rules.book(slot_at(service, slot.day + timedelta(days=1), time(9, 0)), "丙", "13800000003")
    booking_rules.cancel(cancelled)
    with pytest.raises(booking_rules.NotChangeable):
        booking_rules.check_in(cancelled, town_a.editor)
