"""iCalendar (.ics) files for events, built with the ``icalendar`` package (RFC 5545)."""

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as CalendarEvent

PRODID = "-//Townsquare//listings//ZH"


def _host():
    base = settings.WAGTAILADMIN_BASE_URL or "http://localhost"
    return base.split("://", 1)[-1].split("/", 1)[0] or "localhost"


def _calendar(name):
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    return calendar


def _component(event, base_url):
    item = CalendarEvent()
    item.add("uid", f"event-{event.pk}@{_host()}")
    item.add("dtstamp", timezone.now().replace(microsecond=0))
    item.add("dtstart", event.starts_at.replace(microsecond=0))
    item.add("dtend", event.ends_at.replace(microsecond=0))
    item.add("summary", event.title)
    item.add("location", event.venue)
    lines = [f"票价：{event.price or '免费'}"]
    if event.description:
        lines.append(event.description)
    if event.booking_url:
        lines.append(f"预约：{event.booking_url}")
    item.add("description", "\n".join(lines))
    url = base_url.rstrip("/") + event.get_absolute_url()
    item.add("url", url)
    if event.updated_at:
        item.add("last-modified", event.updated_at.replace(microsecond=0))
    return item


def event_calendar(events, name, base_url):
    """The bytes of an .ics file holding ``events``."""
    calendar = _calendar(name)
    for event in events:
        calendar.add_component(_component(event, base_url))
    return calendar.to_ical()
