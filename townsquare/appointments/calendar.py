"""The booking as a calendar entry (.ics, RFC 5545), built with the ``icalendar`` package.

No name or phone number goes into the file: calendars get synced and shared.
"""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from icalendar import Alarm, Calendar, Event, vText

PRODID = "-//Townsquare//预约办理//ZH"


def booking_calendar(booking, url=""):
    slot, service = booking.slot, booking.service
    window = service.window
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")

    event = Event()
    host = settings.WAGTAILADMIN_BASE_URL.split("://", 1)[-1].split("/", 1)[0] or "townsquare"
    event.add("uid", f"booking-{booking.code}@{host}")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", slot.starts_at())
    event.add("dtend", slot.ends_at())
    event.add("summary", f"办事预约：{service.title}")
    event.add("location", vText(f"{window.place}（{window.name}）"))
    lines = [f"预约码：{booking.display_code}", f"办理单位：{window.unit.name}", f"窗口：{window.name}"]
    if service.notes:
        lines.append(f"须知：{service.notes}")
    if window.phone:
        lines.append(f"咨询电话：{window.phone}")
    if url:
        lines.append(f"查看、改约或取消：{url}")
        event.add("url", url)
    event.add("description", "\n".join(lines))
    event.add("status", "CANCELLED" if booking.status == booking.Status.CANCELLED else "CONFIRMED")
    event.add("sequence", booking.moved_count)

    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", f"办事预约：{service.title}")
    alarm.add("trigger", timedelta(hours=-1))
    event.add_component(alarm)
    calendar.add_component(event)
    return calendar.to_ical()
