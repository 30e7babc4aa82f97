"""Never overbooked: parallel bookings of the last place, with real threads and real transactions.

The SQLite variant runs in the default test run; the PostgreSQL variant runs when
DATABASE_URL points at PostgreSQL (``make test`` does that when one answers), e.g.
  DATABASE_URL=postgres://postgres@127.0.0.1:5432/ts_appts .venv/bin/python -m pytest tests/appointments/test_race.py
A thread that finds SQLite locked gets ``Busy`` (nothing booked) and tries again, as a
resident would press the button again; it never produces a second booking.
"""

import threading
from datetime import date, time

import pytest
from django.db import connection

from townsquare.appointments import booking as booking_rules
from townsquare.appointments.models import Booking, Slot

from ..conftest import build_county, reset_to_fresh_install
from .conftest import NOW, at, make_guide, make_service, make_window

THREADS = 12
MAX_ATTEMPTS = 200


@pytest.fixture
def county(request, transactional_db):
    """The right database for the variant (else a skip), rebuilt: transactional tests start from a flushed one."""
    _vendor_or_skip("postgresql" if request.node.get_closest_marker("postgres") else "sqlite")
    reset_to_fresh_install()
    return build_county()


def _vendor_or_skip(vendor):
    if connection.vendor != vendor:
        pytest.skip(f"this variant needs {vendor}; DATABASE_URL points at {connection.vendor}")


def _race(n, action):
    """Run ``action(i)`` in n threads released together; returns the outcome names."""
    barrier = threading.Barrier(n)
    outcomes = [None] * n

    def worker(i):
        from django.db import connections

        try:
            barrier.wait()
            for _ in range(MAX_ATTEMPTS):
                try:
                    action(i)
                    outcomes[i] = "ok"
                    return
                except booking_rules.Busy:
                    continue
                except booking_rules.BookingError as error:
                    outcomes[i] = type(error).__name__
                    return
            outcomes[i] = "busy"
        except Exception as error:  # reported by the assertion below
            outcomes[i] = f"error: {error!r}"
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(n)]
    with at(NOW):  # time travel is process-wide: the threads see it too
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
    return outcomes


def _setup_last_place(county):
    with at(NOW):
        service = make_service(make_guide(county.town_a), make_window(county.town_a.unit), capacity=3)
        slot = Slot.objects.get(service=service, day=date(2026, 12, 2), start=time(9))
        booking_rules.book(slot, "甲", "13900000001")
        booking_rules.book(slot, "乙", "13900000002")
    return service, Slot.objects.get(pk=slot.pk)


def _check_last_place_race(county):
    service, slot = _setup_last_place(county)
    assert slot.remaining == 1
    outcomes = _race(THREADS, lambda i: booking_rules.book(slot, f"抢号{i}", f"1370000{i:04d}"))
    assert outcomes.count("ok") == 1, outcomes
    assert outcomes.count("SlotFull") == THREADS - 1, outcomes
    slot.refresh_from_db()
    assert slot.booked == slot.capacity == 3
    assert Booking.objects.filter(slot=slot, status=Booking.Status.BOOKED).count() == 3


def _check_move_race(county):
    """Several residents move into the last place of another slot: one succeeds, the others keep theirs."""
    service, target = _setup_last_place(county)
    with at(NOW):
        others = Slot.objects.filter(service=service, day=date(2026, 12, 3)).order_by("start")[:6]
        sources = [booking_rules.book(other, f"改约{i}", f"1360000{i:04d}") for i, other in enumerate(others)]
    outcomes = _race(len(sources), lambda i: booking_rules.move(sources[i], target))
    assert outcomes.count("ok") == 1, outcomes
    target.refresh_from_db()
    assert target.booked == 3
    for booking in Booking.objects.filter(pk__in=[b.pk for b in sources]).select_related("slot"):
        assert booking.slot.booked == Booking.objects.filter(slot=booking.slot, status=Booking.Status.BOOKED).count()


def _check_phone_limit_race(county):
    """The same phone books many slots of one day at once: the daily limit (1) holds."""
    with at(NOW):
        service = make_service(make_guide(county.town_a, "占号测试"), make_window(county.town_a.unit, "测试窗口"))
        slots = list(Slot.objects.filter(service=service, day=date(2026, 12, 2)).order_by("start")[:8])
    outcomes = _race(len(slots), lambda i: booking_rules.book(slots[i], "占号", "13500000000"))
    assert outcomes.count("ok") == 1, outcomes
    assert Booking.objects.filter(phone="13500000000").count() == 1


@pytest.mark.django_db(transaction=True)
def test_last_place_sqlite(county):
    _check_last_place_race(county)


@pytest.mark.django_db(transaction=True)
def test_move_race_sqlite(county):
    _check_move_race(county)


@pytest.mark.django_db(transaction=True)
def test_phone_limit_race_sqlite(county):
    _check_phone_limit_race(county)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_last_place_postgres(county):
    _check_last_place_race(county)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_move_race_postgres(county):
    _check_move_race(county)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_phone_limit_race_postgres(county):
    _check_phone_limit_race(county)
