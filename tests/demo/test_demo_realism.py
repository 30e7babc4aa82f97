"""The demo looks real on the day it loads: what is current or coming fits the season, the weather too,
phone numbers and places read like real ones, and every town has its weather page.

The demo is loaded once for this module as on a December morning (rolled back afterwards);
the summer checks add the listings of a July morning to it and look at the weeks after that morning.
"""

import datetime
import re
from pathlib import Path

import pytest
from django.db import transaction
from django.db.models import Q

from townsquare.appointments.models import Window
from townsquare.demo import listings as demo_listings
from townsquare.demo.dates import SHANGHAI
from townsquare.demo.loader import Tally, load_demo
from townsquare.demo.weather import demo_report
from townsquare.listings.models import EnrolmentNotice, Event, JobListing, Offer, TrafficNotice
from townsquare.publishing.models import NoticePage
from townsquare.services.models import ServiceGuidePage
from townsquare.units.models import Unit
from townsquare.weather.models import WeatherLocation

from ..conftest import reset_to_fresh_install

DECEMBER = datetime.datetime(2026, 12, 6, 9, 30, tzinfo=SHANGHAI)
JULY = datetime.datetime(2026, 7, 15, 9, 30, tzinfo=SHANGHAI)
NOT_IN_WINTER = ["中秋", "端午", "夏夜", "荷花", "秋季招生", "龙舟", "暑期", "采茶", "油菜花", "高温", "插秧"]
NOT_IN_SUMMER = ["元旦", "春运", "年货", "寒假", "寒潮", "腊八"]
DEMO_CODE = Path(__file__).resolve().parents[2] / "townsquare" / "demo"


@pytest.fixture(scope="module")
def december_demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        with transaction.atomic():
            reset_to_fresh_install()
            load_demo(now=DECEMBER)
            yield
            transaction.set_rollback(True)


def current_texts(now):
    """Titles and descriptions of everything the demo shows as current or coming at ``now``."""
    today = now.date()
    rows = [
        Event.objects.filter(ends_at__gte=now).values_list("title", "description"),
        EnrolmentNotice.objects.filter(ends_on__gte=today).values_list("title", "place"),
        TrafficNotice.objects.filter(ends_at__gte=now).values_list("title", "advice"),
        Offer.objects.filter(valid_until__gte=today).values_list("title", "conditions"),
        JobListing.objects.filter(closing_date__gte=today).values_list("title", "requirements"),
        NoticePage.objects.live()
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gte=now))
        .values_list("title", "summary"),
    ]
    return [" ".join(row) for query in rows for row in query]


def out_of_season(texts, words):
    return [text for text in texts if any(word in text for word in words)]


@pytest.mark.usefixtures("december_demo", "db")
class TestInDecember:
    def test_nothing_current_or_coming_is_out_of_season(self):
        assert out_of_season(current_texts(DECEMBER), NOT_IN_WINTER) == []

    def test_winter_events_are_coming(self):
        coming = set(Event.objects.filter(starts_at__gte=DECEMBER).values_list("title", flat=True))

        assert {"元旦文艺汇演", "迎新春年货节"} <= coming

    def test_the_weather_is_wintry(self):
        figures = []
        for place in WeatherLocation.objects.all():
            report = place.get_report()
            figures += [report.current.temperature] + [t for day in report.days for t in (day.temp_min, day.temp_max)]

        assert figures and all(0 <= figure <= 10 for figure in figures)

    def test_no_phone_number_is_a_placeholder(self):
        code = "\n".join(path.read_text("utf-8") for path in DEMO_CODE.rglob("*.py") if "migrations" not in path.parts)
        phones = list(Window.objects.values_list("phone", flat=True)) + list(
            Unit.objects.values_list("phone", flat=True)
        )

        assert re.findall(r"\b0000-\d+", code + "\n".join(phones)) == []

    def test_places_read_without_doubled_brackets(self):
        # As the booking page and the printed guide put them together.
        shown = [f"{window.place}（{window.name}）" for window in Window.objects.all()]
        shown += [f"{g.place}，{g.window}（{g.transport}）" for g in ServiceGuidePage.objects.all()]

        assert [text for text in shown if "）（" in text or re.search(r"（[^）]*（", text)] == []

    def test_a_summer_event_left_by_an_earlier_load_is_taken_away(self):
        units = {unit.slug: unit for unit in Unit.objects.all()}
        leftover = Event.objects.filter(title="周末广场舞展演").get()
        leftover.pk, leftover.title = None, "中秋灯会"
        leftover.save()

        demo_listings.ensure_listings(units, DECEMBER, Tally())

        assert not Event.objects.filter(title="中秋灯会").exists()

    def test_every_town_has_a_weather_page(self, client):
        towns = Unit.objects.filter(kind__in=[Unit.Kind.TOWN, Unit.Kind.STREET])

        pages = {town.slug: client.get(f"/tianqi/{town.slug}/").status_code for town in towns}

        assert "liutang" in pages and set(pages.values()) == {200}


@pytest.mark.usefixtures("december_demo", "db")
def test_in_july_the_summer_events_are_coming():
    demo_listings.ensure_listings({unit.slug: unit for unit in Unit.objects.all()}, JULY, Tally())

    summer = Event.objects.filter(starts_at__gte=JULY, starts_at__lt=JULY + datetime.timedelta(days=60))
    coming = set(summer.values_list("title", flat=True))

    assert {"清水河龙舟赛", "夏夜露天电影"} <= coming and out_of_season(coming, NOT_IN_SUMMER) == []


def test_in_july_the_weather_is_summery():
    report = demo_report("liutang", JULY)

    assert report.current.temperature >= 24 and all(day.temp_max >= 28 for day in report.days)
