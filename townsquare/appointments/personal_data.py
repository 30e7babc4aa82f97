"""Residents' personal data in bookings: anonymised by the retention job (hook ``townsquare_personal_data``)
once the booked day is long past; the booking stays for the counts."""

from townsquare.privacy.retention import ERASED_NAME

from .models import Booking


def anonymise_closed(before):
    """Anonymise bookings whose day ended before ``before``; returns how many."""
    closed = Booking.objects.filter(slot__day__lt=before.date()).exclude(name=ERASED_NAME)
    return closed.update(name=ERASED_NAME, phone="", email="")
