"""The weekly job: groups recent requests into topics, keeps a topic across runs, stamps the threshold once."""

from datetime import timedelta

import pytest
from django.utils import timezone

from townsquare.hotspots.models import HotTopic
from townsquare.hotspots.topics import refresh

from .factories import BUS, DUST, LAMP, file_about


@pytest.fixture
def now():
    return timezone.now()


@pytest.fixture
def filed(town_a, town_b, now):
    file_about(town_a.unit, DUST, now, n=4)
    file_about(town_b.unit, BUS, now, n=3)
    file_about(town_a.unit, LAMP, now, n=1)


def test_groups_of_enough_requests_become_topics(filed, now):
    refresh(now)
    assert sorted(HotTopic.objects.values_list("request_count", flat=True)) == [3, 4]


def test_the_lead_unit_is_the_one_most_requests_went_to(filed, town_a, now):
    refresh(now)
    assert HotTopic.objects.get(request_count=4).lead_unit == town_a.unit


def test_a_second_run_keeps_the_same_topic(filed, town_a, now):
    first = {t.pk for t in refresh(now)}
    file_about(town_a.unit, DUST, now, n=1)
    assert {t.pk for t in refresh(now + timedelta(minutes=1))} == first


def test_crossing_the_threshold_is_stamped_once(filed, settings, now):
    settings.HOTSPOT_RESPONSE_THRESHOLD = 4
    refresh(now)
    refresh(now + timedelta(days=1))
    assert HotTopic.objects.get(request_count=4).crossed_at == now


def test_a_group_under_the_threshold_is_not_stamped(filed, settings, now):
    settings.HOTSPOT_RESPONSE_THRESHOLD = 100
    refresh(now)
    assert not HotTopic.objects.filter(crossed_at__isnull=False).exists()


def test_a_topic_no_longer_found_is_no_longer_current(filed, settings, now):
    refresh(now)
    settings.HOTSPOT_LOOKBACK_DAYS = 1
    refresh(now + timedelta(days=30))
    assert not HotTopic.objects.current().exists()


def test_me_too_presses_count_in_the_topic(town_a, now):
    from townsquare.resident_requests.models import ResidentRequest

    first, *_ = file_about(town_a.unit, DUST, now, n=3)
    ResidentRequest.objects.filter(pk=first.pk).update(me_too_count=5)
    refresh(now)
    assert HotTopic.objects.get().metoo_count == 5
