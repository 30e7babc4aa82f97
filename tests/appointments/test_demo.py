"""The demo county's 预约办理: services on demo guides, bookings in every state, idempotent."""

from datetime import datetime

import pytest
from django.core.management import call_command
from django.db import transaction

from townsquare.appointments.models import BookableService, Booking, Slot
from townsquare.demo.appointments import BOOKINGS, SERVICES, appointments_demo_is_complete, ensure_appointments
from townsquare.demo.loader import Tally
from townsquare.units.models import Unit

from ..conftest import reset_to_fresh_install
from .conftest import SHANGHAI, at

# A Monday in an ordinary week.
DEMO_NOW = datetime(2026, 11, 30, 8, 30, tzinfo=SHANGHAI)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        with transaction.atomic():
            reset_to_fresh_install()
            with at(DEMO_NOW):
                call_command("load_demo", verbosity=0)
            yield
            transaction.set_rollback(True)


@pytest.mark.django_db
def test_demo_services_and_bookings(demo):
    assert appointments_demo_is_complete()
    assert BookableService.objects.count() == len(SERVICES)
    statuses = dict(Booking.objects.values_list("code", "status"))
    assert {code for code, *_ in BOOKINGS} <= set(statuses)
    assert set(statuses.values()) == {"booked", "cancelled", "checked_in", "no_show"}
    for slot in Slot.objects.filter(bookings__isnull=False).distinct():
        active = slot.bookings.filter(status__in=["booked", "checked_in", "no_show"]).count()
        assert slot.booked == active <= slot.capacity


@pytest.mark.django_db
def test_demo_is_idempotent(demo):
    before = (Booking.objects.count(), Slot.objects.count(), BookableService.objects.count())
    tally = Tally()
    with at(DEMO_NOW):
        ensure_appointments({u.slug: u for u in Unit.objects.all()}, DEMO_NOW, tally)
    assert tally.total_created == 0
    assert (Booking.objects.count(), Slot.objects.count(), BookableService.objects.count()) == before
