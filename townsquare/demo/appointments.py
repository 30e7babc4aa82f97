"""The demo county's 预约办理: windows, bookable services for a handful of demo guides, and bookings
(upcoming, cancelled, and past ones checked in or missed). Idempotent: what exists is left alone.

Called from ``DemoLoader.run()`` after ``ensure_services`` (the guides must exist). Residents'
names and phone numbers are invented (phone numbers in the 138-0000 range).
"""

from datetime import time, timedelta

from django.utils import timezone

from townsquare.appointments import booking as booking_rules
from townsquare.appointments.models import BookableService, Booking, Slot, Window
from townsquare.appointments.slots import sync_slots
from townsquare.core.workdays import is_working_day, working_days_after
from townsquare.services.models import ServiceGuidePage

# unit slug, window name, place, phone
# (shown as "place（window name）", so neither has brackets of its own)
WINDOWS = [
    ("renshe", "8号社保卡窗口", "人民路20号县政务服务中心一楼", "0999-6016608"),
    ("yibao", "12号医保窗口", "人民路20号县政务服务中心二楼", "0999-6019912"),
    ("minzheng", "婚姻登记处", "人民路18号县民政局一楼", "0999-6018830"),
    ("qinghe", "1号综合受理窗口", "禾丰路8号青禾镇便民服务中心一楼", "0999-6231101"),
]

# guide slug, window name, bookable service settings
SERVICES = [
    ("shebaoka-buhuan", "8号社保卡窗口", {"capacity": 3, "notes": "请带本人身份证原件；代办请带双方身份证。"}),
    ("jumin-yibao-canbao", "12号医保窗口", {"capacity": 4}),
    ("yidi-jiuyi-beian", "12号医保窗口", {"capacity": 2, "hours": "09:00-11:30"}),
    (
        "jiehun-dengji",
        "婚姻登记处",
        {"capacity": 2, "slot_minutes": 60, "weekdays": "12345", "notes": "双方本人一起来，带户口簿和身份证原件。"},
    ),
    ("nongcun-jianfang", "1号综合受理窗口", {"capacity": 2, "hours": "09:00-11:30 14:30-16:30"}),
]

# code, guide slug, working-day offset from today (negative: past), start, name, phone, e-mail, status
BOOKINGS = [
    ("DEMQ2A3B", "shebaoka-buhuan", 1, time(9, 0), "陈秀兰", "13800001001", "", "booked"),
    ("DEMQ2A3C", "shebaoka-buhuan", 1, time(9, 0), "刘建国", "13800001002", "liujg@example.com", "booked"),
    ("DEMQ2A3D", "shebaoka-buhuan", 2, time(14, 0), "黄小梅", "13800001003", "", "booked"),
    ("DEMQ2A3E", "jumin-yibao-canbao", 1, time(10, 0), "周德明", "13800001004", "", "booked"),
    ("DEMQ2A3F", "jiehun-dengji", 3, time(9, 0), "吴磊", "13800001005", "wulei@example.com", "booked"),
    ("DEMQ2A3G", "nongcun-jianfang", 2, time(9, 30), "郑大山", "13800001006", "", "cancelled"),
    ("DEMQ2A3H", "shebaoka-buhuan", -1, time(9, 30), "王桂芳", "13800001007", "", "checked_in"),
    ("DEMQ2A3J", "shebaoka-buhuan", -1, time(10, 0), "李海", "13800001008", "", "no_show"),
    ("DEMQ2A3K", "jumin-yibao-canbao", -2, time(14, 30), "陈秀兰", "13800001001", "", "checked_in"),
]


def working_days_before(day, count):
    while count > 0:
        day -= timedelta(days=1)
        if is_working_day(day):
            count -= 1
    return day


def ensure_appointments(units, now, tally):
    windows = {}
    for unit_slug, name, place, phone in WINDOWS:
        unit = units.get(unit_slug)
        if unit is None:
            continue
        window, created = Window.objects.get_or_create(unit=unit, name=name, defaults={"place": place, "phone": phone})
        windows[name] = window
        tally.count("办理窗口", created)

    guides = {g.slug: g for g in ServiceGuidePage.objects.filter(slug__in=[s[0] for s in SERVICES])}
    services = {}
    for guide_slug, window_name, values in SERVICES:
        guide, window = guides.get(guide_slug), windows.get(window_name)
        if guide is None or window is None:
            continue
        service = BookableService.objects.filter(guide=guide, window=window).first()
        created = service is None
        if created:
            service = BookableService(guide=guide, window=window, **values)
            service.full_clean()
            service.save()  # generates its slots
        services[guide_slug] = service
        tally.count("可预约事项", created)

    today = timezone.localdate(now)
    existing = set(Booking.objects.filter(code__in=[b[0] for b in BOOKINGS]).values_list("code", flat=True))
    for code, guide_slug, offset, start, name, phone, email, status in BOOKINGS:
        service = services.get(guide_slug)
        if code in existing or service is None:
            tally.count("演示预约", False)
            continue
        if offset > 0:
            made = _upcoming(service, working_days_after(today, offset), start, name, phone, email, code, now)
        else:
            made = _past(service, working_days_before(today, -offset), start, name, phone, email, code, status, now)
        if made is not None and status == "cancelled":
            booking_rules.cancel(made, now=now)
        tally.count("演示预约", made is not None)


def _upcoming(service, day, start, name, phone, email, code, now):
    sync_slots(service, timezone.localdate(now))
    slot = Slot.objects.filter(service=service, day=day, start=start, withdrawn=False).first()
    if slot is None:
        return None
    try:
        made = booking_rules.book(slot, name, phone, email, now=now)
    except booking_rules.BookingError:
        return None
    Booking.objects.filter(pk=made.pk).update(code=code)
    made.code = code
    return made


def _past(service, day, start, name, phone, email, code, status, now):
    """A booking on a day gone by: its slot is stored as it was, counted, and the booking marked as staff did."""
    end = (timezone.datetime.combine(day, start) + timedelta(minutes=service.slot_minutes)).time()
    slot, _ = Slot.objects.get_or_create(
        service=service, day=day, start=start, defaults={"end": end, "capacity": service.capacity}
    )
    if slot.booked >= slot.capacity:
        return None
    Slot.objects.filter(pk=slot.pk).update(booked=slot.booked + 1)
    at = timezone.make_aware(timezone.datetime.combine(day - timedelta(days=2), time(20, 15)))
    return Booking.objects.create(
        code=code, service=service, slot=slot, name=name, phone=phone, email=email, status=status,
        created_at=at, changed_at=timezone.make_aware(timezone.datetime.combine(day, start)),
    )  # fmt: skip


def appointments_demo_is_complete():
    """True when every demo bookable service is there (one query)."""
    return BookableService.objects.filter(guide__slug__in=[s[0] for s in SERVICES]).count() == len(SERVICES)
