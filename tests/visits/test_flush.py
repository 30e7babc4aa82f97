"""The scheduled flush stores the cache's day totals: per address with its unit, and the day's visitors."""

import pytest
from django.utils import timezone

from townsquare.visits.flushing import flush
from townsquare.visits.jobs import visits_flush
from townsquare.visits.models import DailyVisitors, PageVisits

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0"


@pytest.fixture
def visited(client, county):
    for _ in range(3):
        client.get("/qinghe/", HTTP_USER_AGENT=BROWSER)
    client.get("/shiqiao/", HTTP_USER_AGENT=BROWSER, REMOTE_ADDR="10.0.0.9")


def test_the_day_s_views_of_an_address_are_stored(visited):
    flush(timezone.localdate())
    assert PageVisits.objects.get(path="/qinghe/").views == 3


def test_an_address_is_stored_with_its_unit(visited, county):
    flush(timezone.localdate())
    assert PageVisits.objects.get(path="/shiqiao/").unit == county.town_b.unit


def test_the_day_s_visitors_are_stored(visited):
    flush(timezone.localdate())
    assert DailyVisitors.objects.get().visitors == 2


def test_flushing_twice_stores_the_same_totals(visited):
    flush(timezone.localdate())
    flush(timezone.localdate())
    assert PageVisits.objects.get(path="/qinghe/").views == 3


def test_later_views_raise_the_stored_total(visited, client):
    flush(timezone.localdate())
    client.get("/qinghe/", HTTP_USER_AGENT=BROWSER)
    flush(timezone.localdate())
    assert PageVisits.objects.get(path="/qinghe/").views == 4


def test_a_cache_that_lost_its_counts_never_lowers_a_stored_day(visited):
    flush(timezone.localdate())
    from townsquare.visits.counting import visits_cache

    visits_cache().clear()
    flush(timezone.localdate())
    assert PageVisits.objects.get(path="/qinghe/").views == 3


def test_the_scheduled_job_stores_today(visited):
    visits_flush()
    assert PageVisits.objects.filter(day=timezone.localdate()).count() == 2
