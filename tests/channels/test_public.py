"""/zhanghao/: every channel by unit; /zhanghao/<pk>/: a stopped account says where its service went."""

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.helpers import building_pages
from townsquare.channels import lifecycle
from townsquare.channels.models import Channel
from townsquare.channels.platform import sync_platform_channels

from .factories import ChannelFactory

pytestmark = pytest.mark.django_db

INDEX = reverse("channels:index")


def add_channels(units, count):
    for n in range(count):
        ChannelFactory(unit=units[n % len(units)], responsible_person=f"负责人{n}号")


def test_index_lists_channels_by_unit_without_private_data(client, county, town_a, town_b):
    sync_platform_channels()
    ChannelFactory(unit=town_a.unit, name="青禾发布", account_id="gh_qinghe", responsible_person="王秘密")
    ChannelFactory(unit=town_b.unit, name="石桥抖音", kind=Channel.Kind.DOUYIN, status=Channel.Status.CLOSED)
    response = client.get(INDEX)
    assert response.status_code == 200
    text = response.content.decode()
    assert "青禾发布" in text and "gh_qinghe" in text and "石桥抖音" in text
    assert town_a.home.title in text and town_a.home.url in text
    assert "王秘密" not in text
    assert "test.example" not in text and "@example.gov.cn" not in text
    assert town_a.unit.phone not in text
    units = [group["unit"].pk for group in response.context["groups"]]
    assert units.index(town_a.unit.pk) < units.index(town_b.unit.pk)
    closed = Channel.objects.get(name="石桥抖音")
    assert reverse("channels:detail", args=[closed.pk]) in text


def test_index_query_count_does_not_grow_with_channels(client, county, town_a, town_b, django_assert_max_num_queries):
    sync_platform_channels()
    units = [county.county.unit, town_a.unit, town_b.unit]
    add_channels(units, 3)
    client.get(INDEX)  # warm the site-root cache
    with building_pages(), django_assert_max_num_queries(8) as few:
        client.get(INDEX)
    add_channels(units, 30)
    with building_pages(), django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(INDEX)
    assert sum(len(g["external"]) for g in response.context["groups"]) == 33


def test_a_closed_account_says_it_stopped_where_to_go_and_links_its_archive(
    client, town_a, django_assert_max_num_queries
):
    channel = ChannelFactory(unit=town_a.unit, name="青禾镇发布", responsible_person="王秘密")
    now = timezone.now()
    lifecycle.suspend_channel(channel, continues_at="网上的青禾镇", continues_page=town_a.home, now=now)
    lifecycle.close_channel(channel, now=now)
    url = reverse("channels:detail", args=[channel.pk])
    text = client.get(url).content.decode()
    assert "停止更新" in text and "注销" in text and "网上的青禾镇" in text
    assert f'href="{town_a.home.url}"' in text
    assert "正在整理" in text
    assert "王秘密" not in text
    archive = town_a.section("news")
    lifecycle.record_merge(channel, archive, now=now)
    client.get(url)
    with django_assert_max_num_queries(8):
        response = client.get(url)
    text = response.content.decode()
    assert f'href="{archive.url}"' in text and "已经迁到本网站" in text


def test_an_active_account_page_and_a_platform_channel_redirect(client, town_a):
    active = ChannelFactory(unit=town_a.unit, name="青禾发布")
    assert "正在运营" in client.get(reverse("channels:detail", args=[active.pk])).content.decode()
    sync_platform_channels()
    platform = Channel.objects.get(page=town_a.home)
    response = client.get(reverse("channels:detail", args=[platform.pk]))
    assert response.status_code == 302 and response["Location"] == town_a.home.url
    assert client.get(reverse("channels:detail", args=[999999])).status_code == 404
