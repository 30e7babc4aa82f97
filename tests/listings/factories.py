"""Listings for tests: approved unit listings by default, at a given time relative to now."""

import datetime
import itertools

from django.utils import timezone

from townsquare.listings.models import (
    Attraction,
    EnrolmentNotice,
    Event,
    JobListing,
    Offer,
    RentalListing,
    School,
    Source,
    Status,
    TrafficNotice,
)

_numbers = itertools.count(1)


def _common(kwargs, title):
    kwargs.setdefault("title", f"{title}{next(_numbers)}")
    kwargs.setdefault("status", Status.APPROVED)
    kwargs.setdefault("source", Source.UNIT)
    kwargs.setdefault("contact_name", "王老师")
    kwargs.setdefault("contact_phone", "13800138000")
    return kwargs


def today(days=0):
    return timezone.localdate() + datetime.timedelta(days=days)


def at(hours=0):
    return timezone.now() + datetime.timedelta(hours=hours)


def job(**kwargs):
    kwargs = _common(kwargs, "收银员")
    kwargs.setdefault("employer", "青禾超市")
    kwargs.setdefault("pay_min", 3000)
    kwargs.setdefault("pay_max", 4000)
    kwargs.setdefault("place", "青禾镇东街")
    kwargs.setdefault("requirements", "身体健康，能吃苦。")
    kwargs.setdefault("closing_date", today(10))
    return JobListing.objects.create(**kwargs)


def rental(**kwargs):
    kwargs = _common(kwargs, "两室一厅")
    kwargs.setdefault("price", 800)
    kwargs.setdefault("area", 70)
    kwargs.setdefault("layout", RentalListing.Layout.TWO)
    kwargs.setdefault("community", "东街小区")
    kwargs.setdefault("available_from", today())
    return RentalListing.objects.create(**kwargs)


def school(**kwargs):
    kwargs.setdefault("name", f"第{next(_numbers)}小学")
    kwargs.setdefault("school_kind", School.Kind.PRIMARY)
    kwargs.setdefault("address", "人民路1号")
    return School.objects.create(**kwargs)


def enrolment(**kwargs):
    kwargs = _common(kwargs, "秋季招生")
    kwargs.setdefault("school_kind", School.Kind.PRIMARY)
    kwargs.setdefault("starts_on", today(-1))
    kwargs.setdefault("ends_on", today(10))
    kwargs.setdefault("place", "学校教务处")
    return EnrolmentNotice.objects.create(**kwargs)


def traffic(**kwargs):
    kwargs = _common(kwargs, "东街封路")
    kwargs.setdefault("notice_kind", TrafficNotice.Kind.CLOSURE)
    kwargs.setdefault("place", "东街")
    kwargs.setdefault("starts_at", at(-2))
    kwargs.setdefault("ends_at", at(48))
    return TrafficNotice.objects.create(**kwargs)


def event(**kwargs):
    kwargs = _common(kwargs, "广场舞展演")
    kwargs.setdefault("category", Event.Category.SHOW)
    kwargs.setdefault("venue", "县文化广场")
    kwargs.setdefault("starts_at", at(24))
    kwargs.setdefault("ends_at", at(26))
    return Event.objects.create(**kwargs)


def attraction(**kwargs):
    kwargs.setdefault("name", f"景点{next(_numbers)}")
    kwargs.setdefault("address", "青禾镇")
    kwargs.setdefault("opening_hours", "8:00-17:30")
    return Attraction.objects.create(**kwargs)


def offer(**kwargs):
    kwargs = _common(kwargs, "满100减20")
    kwargs.setdefault("merchant", "青禾超市")
    kwargs.setdefault("valid_from", today(-1))
    kwargs.setdefault("valid_until", today(10))
    kwargs.setdefault("conditions", "每人限用一次。")
    return Offer.objects.create(**kwargs)


MAKERS = {"jobs": job, "rentals": rental, "education": enrolment, "traffic": traffic, "culture": event, "offers": offer}
