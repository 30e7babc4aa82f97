"""僵尸账号: external, active, and more than CHANNEL_ZOMBIE_DAYS days since the last update."""

import datetime

import pytest

from townsquare.channels.models import Channel

from .factories import ChannelFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 20)


def days_ago(days):
    return TODAY - datetime.timedelta(days=days)


def zombie_names(today=TODAY):
    return set(Channel.objects.zombies(today).values_list("name", flat=True))


def test_fourteen_days_is_still_fine_fifteen_is_a_zombie(town_a):
    fine = ChannelFactory(unit=town_a.unit, name="十四天", last_update_on=days_ago(14))
    stale = ChannelFactory(unit=town_a.unit, name="十五天", last_update_on=days_ago(15))
    assert not fine.is_zombie(TODAY) and stale.is_zombie(TODAY)
    assert zombie_names() == {"十五天"}
    assert set(Channel.objects.not_zombies(TODAY).values_list("name", flat=True)) == {"十四天"}


def test_the_threshold_is_a_setting(town_a, settings):
    settings.CHANNEL_ZOMBIE_DAYS = 7
    channel = ChannelFactory(unit=town_a.unit, name="八天", last_update_on=days_ago(8))
    assert channel.is_zombie(TODAY) and zombie_names() == {"八天"}


def test_stopped_accounts_and_platform_sections_are_never_zombies(town_a):
    for status in (Channel.Status.SUSPENDED, Channel.Status.CLOSED):
        ChannelFactory(unit=town_a.unit, status=status, last_update_on=days_ago(100))
    platform = ChannelFactory(unit=town_a.unit, kind=Channel.Kind.PLATFORM, account_id="", last_update_on=days_ago(100))
    assert not platform.is_zombie(TODAY)
    assert zombie_names() == set()


def test_without_a_reported_update_the_opening_date_counts(town_a):
    never = ChannelFactory(unit=town_a.unit, name="从没报送", last_update_on=None, opened_on=days_ago(30))
    new = ChannelFactory(unit=town_a.unit, name="新开", last_update_on=None, opened_on=days_ago(3))
    assert never.is_zombie(TODAY) and not new.is_zombie(TODAY)
    assert zombie_names() == {"从没报送"}
