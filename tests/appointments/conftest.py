"""Appointments fixtures: a published service guide in town A, a window, a bookable service.

Time is fixed where dates matter: ``at(...)`` travels to a moment (Asia/Shanghai).
"""

import itertools
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
import time_machine

from townsquare.appointments.models import BookableService, Slot, Window

# The Playwright fixtures (Debian's Chromium, the demo county on a live server) of the browser tests.

SHANGHAI = ZoneInfo("Asia/Shanghai")
# Tuesday 2026-12-01, 08:00: an ordinary working week follows (no holiday until 2027-01-01).
NOW = datetime(2026, 12, 1, 8, 0, tzinfo=SHANGHAI)
_slugs = itertools.count(1)


def at(moment):
    return time_machine.travel(moment, tick=False)


@pytest.fixture
def frozen():
    with at(NOW) as traveller:
        yield traveller


def make_guide(place, title="居民身份证换领"):
    """A live ServiceGuidePage under the unit's 办事指南 index (created if the unit has none)."""
    from townsquare.services.models import ServiceGuidePage, ServiceIndexPage

    index = ServiceIndexPage.objects.child_of(place.home).first()
    if index is None:
        index = ServiceIndexPage(title="办事指南", slug="banshi")
        place.home.add_child(instance=index)
        index.save_revision().publish()
    guide = ServiceGuidePage(
        title=title,
        slug=f"guide-{next(_slugs)}",
        unit=place.unit,
        summary="到期或损坏时换一张新的身份证。",
        incomplete_reason="测试用指南，只填了预约要用的要素。",
    )
    index.add_child(instance=guide)
    guide.save_revision().publish()
    return ServiceGuidePage.objects.get(pk=guide.pk)


def make_window(unit, name="户籍窗口（2号）"):
    return Window.objects.create(unit=unit, name=name, place=f"{unit.name}便民服务中心一楼", phone="0000-7654321")


def make_service(guide, window, **overrides):
    values = {"slot_minutes": 30, "capacity": 2, "hours": "09:00-11:30 14:00-17:00", "days_ahead": 14}
    values.update(overrides)
    service = BookableService(guide=guide, window=window, **values)
    service.full_clean()
    service.save()
    return service


@pytest.fixture
def guide(town_a):
    return make_guide(town_a)


@pytest.fixture
def window(town_a):
    return make_window(town_a.unit)


@pytest.fixture
def service(frozen, guide, window):
    return make_service(guide, window)


def slot_at(service, day, start):
    return Slot.objects.get(service=service, day=day, start=start)


@pytest.fixture
def slot(service):
    """Wednesday 2026-12-02 09:00-09:30, two places."""
    return slot_at(service, date(2026, 12, 2), time(9, 0))
