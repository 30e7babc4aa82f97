"""Demo county: a few weeks of staff reading residents' contact details, for the 个人信息查看记录 search.

Called from ``loader.py`` as ``ensure_privacy(units, now, tally)``, after the requests and bookings
exist. Idempotent: rows are added only when the log is empty.
"""

import datetime

from django.contrib.auth import get_user_model

from townsquare.appointments.admin_views import CONTACTS_SHOWN as BOOKING_CONTACTS
from townsquare.appointments.models import Booking
from townsquare.privacy.models import PersonalDataAccess
from townsquare.resident_requests.admin_views import CONTACTS_SHOWN as REQUEST_CONTACTS
from townsquare.resident_requests.models import ResidentRequest
from townsquare.units.models import Membership

# How many cases of each kind the demo's staff opened, and over how many days before ``now``.
CASES_READ = 12
DAYS_BACK = 40


def ensure_privacy(units, now, tally):
    if PersonalDataAccess.objects.exists():
        tally.count("个人信息查看记录", False)
        return
    rows = []
    requests = ResidentRequest.objects.exclude(unit=None).order_by("pk")[:CASES_READ]
    bookings = Booking.objects.select_related("service__window").order_by("pk")[:CASES_READ]
    cases = [(r, r.unit_id, r.tracking_number, REQUEST_CONTACTS) for r in requests]
    cases += [(b, b.service.window.unit_id, b.code, BOOKING_CONTACTS) for b in bookings]
    for n, (obj, unit_id, case, what) in enumerate(cases):
        reader = _staff_of(unit_id)
        if reader is None:
            continue
        at = now - datetime.timedelta(days=(n * 7) % DAYS_BACK, hours=(n * 5) % 9, minutes=n * 13 % 60)
        rows.append(
            PersonalDataAccess(
                user=reader,
                username=reader.get_username(),
                at=at,
                object_type=obj._meta.label_lower,
                object_id=str(obj.pk),
                case=str(case),
                what=what,
            )
        )
    PersonalDataAccess.objects.bulk_create(rows)
    for _ in rows:
        tally.count("个人信息查看记录", True)


def _staff_of(unit_id):
    membership = Membership.objects.filter(unit_id=unit_id).select_related("user").order_by("role", "pk").first()
    return membership.user if membership else get_user_model().objects.filter(is_superuser=True).first()
