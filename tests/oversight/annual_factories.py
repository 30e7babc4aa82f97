"""Small data for the annual-report tests: pages dated in a chosen year, requests, bookings, channels.

Dates are Beijing time. ``dated(page, when)`` sets a live page's first publication.
"""

import itertools
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from wagtail.models import Page

from townsquare.appointments.models import BookableService, Booking, Slot, Window
from townsquare.resident_requests.models import Category, RequestType, ResidentRequest, Status

SHANGHAI = ZoneInfo("Asia/Shanghai")
YEAR = 2025
_numbers = itertools.count(1)


def local(year, month, day, hour=9, minute=0):
    return datetime(year, month, day, hour, minute, tzinfo=SHANGHAI)


def dated(page, when):
    """Make ``page`` look first published at ``when`` (it stays live or not as it is)."""
    Page.objects.filter(pk=page.pk).update(first_published_at=when, last_published_at=when)
    page.first_published_at = when
    return page


def category_for(unit):
    category, _ = Category.objects.get_or_create(
        code=f"annual-{unit.slug}", defaults={"name": f"{unit.name}事务", "unit": unit}
    )
    return category


def resident_request(unit, received, answered=None, status=None, is_public=True, title="东街路灯不亮"):
    """A request received at ``received``; answered after ``answered`` (a timedelta) when given."""
    answered_at = received + answered if answered is not None else None
    return ResidentRequest.objects.create(
        tracking_number=f"9{next(_numbers):011d}",
        request_type=RequestType.CONSULT,
        category=category_for(unit),
        unit=unit,
        title=title,
        details="东街口路灯坏了一个星期。",
        contact_name="李四",
        contact_phone="13900001111",
        is_public=is_public,
        status=status or (Status.ANSWERED if answered_at else Status.ACCEPTED),
        received_at=received,
        accept_due=received + timedelta(days=1),
        answer_due=received + timedelta(days=10),
        accepted_at=received + timedelta(hours=2),
        answered_at=answered_at,
        reply="已修好。" if answered_at else "",
    )


def bookable_service(guide, unit):
    window = Window.objects.create(unit=unit, name=f"综合窗口{next(_numbers)}", place=f"{unit.name}便民服务中心")
    return BookableService.objects.create(guide=guide, window=window, hours="09:00-11:30", days_ahead=1, active=False)


def booking(service, day, status=Booking.Status.CHECKED_IN):
    start = time(9, 0)
    slot, _ = Slot.objects.get_or_create(
        service=service, day=day, start=start, defaults={"end": time(9, 30), "capacity": 5}
    )
    return Booking.objects.create(
        service=service, slot=slot, name="王五", phone=f"139{next(_numbers):08d}", status=status
    )


def channel(unit, kind, name, opened_on=date(2020, 1, 1), closed_on=None, status="active"):
    from townsquare.channels.models import Channel

    return Channel.objects.create(
        unit=unit, kind=kind, name=name, opened_on=opened_on, closed_on=closed_on, status=status
    )
