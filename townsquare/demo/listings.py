"""Demo life-service listings for 示范县: at least 15 of each kind, some expired, some waiting for moderation.

A listing is found by its title; one that exists already is left as it is, so loading the
demo again changes nothing. Dates are relative to the loader's ``now``; events, enrolment,
traffic and offers add the set of ``now``'s season (``content.seasons``).
"""

import datetime

from django.contrib.auth.hashers import make_password

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
    end_of_day,
)

from .content import listings as content
from .content import seasons
from .dates import moment

# Public submissions in the demo carry this management code (for trying renew / take down by hand).
DEMO_MANAGEMENT_CODE = "DEMO2026AB"
POSTERS = {
    "jobs": "renshe",
    "rentals": "zhujian",
    "education": "jiaoyu",
    "traffic": "jiaotong",
    "culture": "wenlv",
    "offers": "shangwu",
}
PUBLIC_CONTACTS = ["李先生", "张女士", "刘老板", "陈师傅", "赵女士"]


def _phone(index):
    return f"1390999{index:04d}"


class _Loader:
    def __init__(self, units, now, tally):
        self.units, self.now, self.tally = units, now, tally
        self.today = moment(now, 0).date()
        self.season = seasons.for_day(self.today)
        self.code_hash = make_password(DEMO_MANAGEMENT_CODE)
        self.counter = 0

    def retire_out_of_season(self):
        """Take away what an earlier load left current but belongs to another season (or was renamed since)."""
        ends = {
            "events": (Event, "ends_at", self.now),
            "enrolment": (EnrolmentNotice, "ends_on", self.today),
            "traffic": (TrafficNotice, "ends_at", self.now),
            "offers": (Offer, "valid_until", self.today),
            "jobs": (JobListing, "closing_date", self.today),
        }
        for key, (model, end, at) in ends.items():
            others = {row[0] for season in seasons.SEASONS.values() for row in season.get(key, [])}
            others = (others | set(seasons.RETIRED_TITLES.get(key, []))) - {row[0] for row in self.season.get(key, [])}
            model.objects.filter(source=Source.UNIT, title__in=others, **{f"{end}__gte": at}).delete()

    def town(self, slug):
        return self.units.get(slug) if slug else None

    def poster(self, kind):
        return self.units.get(POSTERS[kind]) or self.units.get("shifan")

    def day(self, days):
        return self.today + datetime.timedelta(days=days)

    def common(self, kind, title, town, state=""):
        self.counter += 1
        public = state in ("pending", "rejected")
        fields = {
            "title": title,
            "town": self.town(town),
            "created_at": self.now - datetime.timedelta(days=2, minutes=self.counter),
            "contact_name": PUBLIC_CONTACTS[self.counter % len(PUBLIC_CONTACTS)] if public else "办公室",
            "contact_phone": _phone(self.counter) if public else f"0999-60{13000 + self.counter}",
        }
        if public:
            fields.update(
                source=Source.PUBLIC,
                unit=None,
                management_code_hash=self.code_hash,
                status=Status.PENDING if state == "pending" else Status.REJECTED,
            )
        else:
            fields.update(
                source=Source.UNIT,
                unit=self.poster(kind),
                status=Status.APPROVED,
                published_at=self.now - datetime.timedelta(days=1, minutes=self.counter),
            )
        return fields

    def ensure(self, model, label, fields):
        if model.objects.filter(title=fields["title"]).exists():
            self.tally.count(label, False)
            return None
        item = model(**fields)
        item.save()
        self.tally.count(label, True)
        return item

    def jobs(self):
        for title, employer, kind, low, high, period, place, town, closing, needs, state in content.JOBS:
            fields = self.common("jobs", title, town, state)
            fields.update(
                employer=employer,
                job_kind=kind,
                pay_min=low,
                pay_max=high,
                pay_period=period,
                place=place,
                requirements=needs,
                closing_date=self.day(closing),
            )
            if state == "rejected":
                fields["moderation_reason"] = content.JOB_REJECTION
            self.ensure(JobListing, "招聘信息", fields)

    def rentals(self):
        for title, price, area, layout, community, town, available, text, state, expires in content.RENTALS:
            fields = self.common("rentals", title, town, state)
            fields.update(
                price=price,
                area=area,
                layout=layout,
                community=community,
                available_from=self.day(available),
                description=text,
            )
            fields["expires_at"] = end_of_day(self.day(expires if expires is not None else 30))
            self.ensure(RentalListing, "租房信息", fields)

    def schools(self):
        for name, kind, is_public, town, address, catchment, phone in content.SCHOOLS:
            if School.objects.filter(name=name).exists():
                self.tally.count("学校", False)
                continue
            School.objects.create(
                name=name,
                school_kind=kind,
                is_public=is_public,
                town=self.town(town),
                address=address,
                catchment=catchment,
                phone=phone,
            )
            self.tally.count("学校", True)

    def enrolment(self):
        schools = dict(School.objects.values_list("name", "pk"))
        for title, school, kind, town, starts, ends, place in content.ENROLMENT + self.season["enrolment"]:
            fields = self.common("education", title, town)
            fields.update(
                school_id=schools.get(school),
                school_kind=kind,
                starts_on=self.day(starts),
                ends_on=self.day(ends),
                place=place,
            )
            self.ensure(EnrolmentNotice, "招生公告", fields)

    def traffic(self):
        for title, kind, place, town, starts, ends, advice in content.TRAFFIC + self.season["traffic"]:
            fields = self.common("traffic", title, town)
            fields.update(
                notice_kind=kind,
                place=place,
                advice=advice,
                starts_at=self.now + datetime.timedelta(hours=starts),
                ends_at=self.now + datetime.timedelta(hours=ends),
            )
            self.ensure(TrafficNotice, "交通信息", fields)

    def events(self):
        for title, category, venue, town, days, hm, hours, price, url, text in content.EVENTS + self.season["events"]:
            starts = moment(self.now, seasons.days_until(self.today, days), hm)
            fields = self.common("culture", title, town)
            fields.update(
                category=category,
                venue=venue,
                starts_at=starts,
                ends_at=starts + datetime.timedelta(hours=hours),
                price=price,
                booking_url=url,
                description=text,
            )
            self.ensure(Event, "文旅活动", fields)

    def attractions(self):
        for name, town, address, hours, price, phone, text in content.ATTRACTIONS:
            if Attraction.objects.filter(name=name).exists():
                self.tally.count("景点", False)
                continue
            Attraction.objects.create(
                name=name,
                town=self.town(town),
                address=address,
                opening_hours=hours,
                price=price,
                phone=phone,
                description=text,
            )
            self.tally.count("景点", True)

    def offers(self):
        for title, kind, merchant, town, address, starts, ends, conditions, state in (
            content.OFFERS + self.season["offers"]
        ):
            fields = self.common("offers", title, town, state)
            fields.update(
                offer_kind=kind,
                merchant=merchant,
                address=address,
                valid_from=self.day(starts),
                valid_until=self.day(ends),
                conditions=conditions,
            )
            self.ensure(Offer, "优惠和消费券", fields)


def ensure_listings(units, now, tally):
    loader = _Loader(units, now, tally)
    loader.retire_out_of_season()
    loader.jobs()
    loader.rentals()
    loader.schools()
    loader.enrolment()
    loader.traffic()
    loader.events()
    loader.attractions()
    loader.offers()
