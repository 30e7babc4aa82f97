"""Every home page is a platform channel; its last update comes from its own columns."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import Page

from tests.factories import NewsPageFactory
from townsquare.channels.jobs import channels_sync_platform
from townsquare.channels.models import Channel
from townsquare.channels.platform import sync_platform_channels

pytestmark = pytest.mark.django_db


def test_one_platform_channel_per_home_and_idempotent(county, town_a, town_b):
    created, _ = sync_platform_channels()
    assert created == 3
    channels = {c.page_id: c for c in Channel.objects.platform()}
    assert set(channels) == {county.home.pk, town_a.home.pk, town_b.home.pk}
    assert channels[town_a.home.pk].unit == town_a.unit
    assert channels[town_a.home.pk].name == town_a.home.title
    assert channels[town_a.home.pk].events.get().action == "register"
    assert sync_platform_channels() == (0, 0)
    assert Channel.objects.platform().count() == 3


def test_last_update_is_the_newest_publication_of_the_homes_own_columns(county, town_a):
    old = timezone.make_aware(datetime.datetime(2026, 3, 1, 9, 0))
    newer = timezone.make_aware(datetime.datetime(2026, 3, 9, 9, 0))
    for page in Page.objects.descendant_of(county.home, inclusive=True):
        Page.objects.filter(pk=page.pk).update(last_published_at=old)
    news = NewsPageFactory(parent=town_a.section("news"))
    Page.objects.filter(pk=news.pk).update(last_published_at=newer)
    sync_platform_channels()
    town = Channel.objects.get(page=town_a.home)
    county_channel = Channel.objects.get(page=county.home)
    assert town.last_update_on == datetime.date(2026, 3, 9)
    # A town's publication does not freshen the county's own columns.
    assert county_channel.last_update_on == datetime.date(2026, 3, 1)


def test_the_daily_job_runs_the_sync(county):
    assert "新登记 3 个栏目" in channels_sync_platform()
    assert Channel.objects.platform().count() == 3
