"""On Redis a counted view costs one round trip and leaves the same totals as step by step."""

import os

import pytest
from django.core.cache import caches
from django.utils import timezone
from redis.connection import AbstractConnection

from townsquare.visits import counting
from townsquare.visits.flushing import flush
from townsquare.visits.models import DailyVisitors, PageVisits

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs a Redis (REDIS_URL)"),
]

BROWSER = "Mozilla/5.0 (Linux; Android 13) AppleWebKit/537.36 Chrome/120 Mobile Safari/537.36"


@pytest.fixture(autouse=True)
def redis_visits(settings):
    backend = {"BACKEND": "django_redis.cache.RedisCache", "LOCATION": os.environ.get("REDIS_URL")}
    settings.CACHES = {**settings.CACHES, "redis-visits": {**backend, "KEY_PREFIX": "townsquare-visits-test"}}
    settings.VISITS_CACHE_ALIAS = "redis-visits"
    caches["redis-visits"].clear()
    yield
    caches["redis-visits"].clear()


def view(rf, path, address="10.0.0.1"):
    counting.record(rf.get(path, HTTP_USER_AGENT=BROWSER, REMOTE_ADDR=address))


def test_a_counted_view_is_one_round_trip(rf, monkeypatch):
    view(rf, "/qinghe/")  # the day's salt, read once per process
    trips = []
    send = AbstractConnection.send_packed_command

    def counted(connection, *args, **kwargs):
        trips.append(1)
        return send(connection, *args, **kwargs)

    monkeypatch.setattr(AbstractConnection, "send_packed_command", counted)
    view(rf, "/shiqiao/", "10.0.0.8")
    assert len(trips) == 1


def test_the_flush_stores_each_path_s_views(rf):
    for path in ("/qinghe/", "/qinghe/", "/shiqiao/", "/qinghe/"):
        view(rf, path)
    flush(timezone.localdate())
    assert dict(PageVisits.objects.values_list("path", "views")) == {"/qinghe/": 3, "/shiqiao/": 1}


def test_the_flush_stores_the_day_s_visitors(rf):
    for address in ("10.0.0.1", "10.0.0.2", "10.0.0.1"):
        view(rf, "/qinghe/", address)
    flush(timezone.localdate())
    assert DailyVisitors.objects.get().visitors == 2


def test_the_day_s_total_of_a_path_is_kept_three_days(rf):
    view(rf, "/qinghe/")
    ttl = counting.visits_cache().ttl(counting.views_key(timezone.localdate(), "/qinghe/"))
    assert counting.TOTALS_SECONDS - 60 < ttl <= counting.TOTALS_SECONDS
