"""备案, 变更, 停更, 注销, 并入平台, 报送更新: each changes the channel as the rules say and leaves an event."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from townsquare.channels import lifecycle
from townsquare.channels.models import Channel, ChannelEvent
from townsquare.publishing.models import NoticePage

from .factories import ChannelFactory

pytestmark = pytest.mark.django_db

NOW = timezone.now()
TODAY = timezone.localdate(NOW)


def actions(channel):
    return list(channel.events.order_by("at", "pk").values_list("action", flat=True))


def test_register_saves_the_channel_and_records_who_and_when(town_a):
    channel = lifecycle.register_channel(
        town_a.unit, Channel.Kind.WEIBO, " 青禾微博 ", by=town_a.editor, now=NOW, account_id="123456"
    )
    assert channel.pk and channel.name == "青禾微博" and channel.status == Channel.Status.ACTIVE
    event = channel.events.get()
    assert (event.action, event.by, event.at) == (ChannelEvent.Action.REGISTER, town_a.editor, NOW)
    assert "123456" in event.detail


def test_register_rejects_a_date_in_the_future_and_a_duplicate_account_id(town_a, town_b):
    with pytest.raises(ValidationError) as error:
        lifecycle.register_channel(
            town_a.unit, Channel.Kind.WECHAT, "未来号", now=NOW, opened_on=TODAY + datetime.timedelta(days=1)
        )
    assert "开设日期" in str(error.value)
    lifecycle.register_channel(town_a.unit, Channel.Kind.WECHAT, "甲", now=NOW, account_id="gh_same")
    with pytest.raises(ValidationError) as error:
        lifecycle.register_channel(town_b.unit, Channel.Kind.WECHAT, "乙", now=NOW, account_id="gh_same")
    assert "已经登记过" in str(error.value)
    assert Channel.objects.count() == 1
    assert not ChannelEvent.objects.filter(channel__name="乙").exists()


def test_change_records_old_and_new_values_and_nothing_when_unchanged(town_a):
    channel = ChannelFactory(unit=town_a.unit, name="旧名字", responsible_person="张三")
    changed = lifecycle.change_channel(channel, by=town_a.editor, now=NOW, name="新名字", responsible_person="张三")
    assert changed == ["账号名称"]
    channel.refresh_from_db()
    assert channel.name == "新名字"
    event = channel.events.get()
    assert event.action == ChannelEvent.Action.CHANGE and event.detail == "账号名称：旧名字 → 新名字"
    assert lifecycle.change_channel(channel, by=town_a.editor, now=NOW, name="新名字") == []
    assert channel.events.count() == 1


def test_change_of_kind_and_unit_reads_in_chinese(town_a, town_b):
    channel = ChannelFactory(unit=town_a.unit, kind=Channel.Kind.WECHAT)
    lifecycle.change_channel(channel, now=NOW, kind=Channel.Kind.DOUYIN, unit=town_b.unit)
    detail = channel.events.get().detail
    assert "平台：微信公众号 → 抖音" in detail
    assert f"主办单位：{town_a.unit.name} → {town_b.unit.name}" in detail


def test_suspend_publishes_a_notice_in_the_units_notice_column(town_a):
    channel = ChannelFactory(unit=town_a.unit, name="青禾镇发布")
    notice = lifecycle.suspend_channel(
        channel, by=town_a.head, continues_at="网上的青禾镇", continues_page=town_a.home, now=NOW
    )
    notice = NoticePage.objects.get(pk=notice.pk)
    assert notice.live
    assert notice.title == "关于“青禾镇发布”公众号停止更新的公告"
    assert notice.get_parent().pk == town_a.section("notice").pk
    assert notice.unit == town_a.unit
    body = str(notice.body)
    assert "网上的青禾镇" in body and town_a.home.url in body
    assert "网上的青禾镇" in notice.summary
    channel.refresh_from_db()
    assert channel.status == Channel.Status.SUSPENDED
    assert channel.suspension_notice_id == notice.pk and channel.suspended_on == TODAY
    event = channel.events.get()
    assert (event.action, event.by) == (ChannelEvent.Action.SUSPEND, town_a.head)


def test_suspend_needs_to_know_where_the_service_continues(town_a):
    channel = ChannelFactory(unit=town_a.unit)
    with pytest.raises(ValidationError) as error:
        lifecycle.suspend_channel(channel, by=town_a.head, continues_at="  ", now=NOW)
    assert "服务转至" in str(error.value)
    channel.refresh_from_db()
    assert channel.status == Channel.Status.ACTIVE and not channel.events.exists()
    assert not NoticePage.objects.child_of(town_a.section("notice")).exists()


def test_only_an_active_account_can_be_suspended(town_a):
    channel = ChannelFactory(unit=town_a.unit, status=Channel.Status.CLOSED)
    with pytest.raises(ValidationError):
        lifecycle.suspend_channel(channel, continues_at="网上的青禾镇", now=NOW)


def test_close_without_a_notice_publishes_one_first(town_a):
    channel = ChannelFactory(unit=town_a.unit)
    lifecycle.close_channel(channel, by=town_a.head, now=NOW, continues_at="网上的青禾镇")
    channel.refresh_from_db()
    assert channel.status == Channel.Status.CLOSED and channel.closed_on == TODAY
    assert channel.suspension_notice is not None and channel.suspension_notice.live
    assert actions(channel) == ["suspend", "close"]


def test_close_after_suspend_keeps_the_one_notice(town_a):
    channel = ChannelFactory(unit=town_a.unit)
    notice = lifecycle.suspend_channel(channel, by=town_a.head, continues_at="网上的青禾镇", now=NOW)
    lifecycle.close_channel(channel, by=town_a.head, now=NOW + datetime.timedelta(days=10), detail="已注销，回执存档")
    channel.refresh_from_db()
    assert channel.suspension_notice_id == notice.pk
    assert NoticePage.objects.child_of(town_a.section("notice")).count() == 1
    assert actions(channel) == ["suspend", "close"]
    assert channel.events.get(action="close").detail == "已注销，回执存档"
    with pytest.raises(ValidationError):
        lifecycle.close_channel(channel, now=NOW)


def test_record_merge_links_the_archive_and_records_it(town_a, county):
    channel = ChannelFactory(unit=town_a.unit, status=Channel.Status.CLOSED)
    archive = town_a.section("news")
    lifecycle.record_merge(channel, archive, by=county.county.head, now=NOW)
    channel.refresh_from_db()
    assert channel.archive_page_id == archive.pk
    event = channel.events.get()
    assert (event.action, event.by) == (ChannelEvent.Action.MERGE, county.county.head)
    assert archive.title in event.detail


def test_report_update_moves_the_date_forward_only(town_a):
    channel = ChannelFactory(unit=town_a.unit, last_update_on=TODAY - datetime.timedelta(days=20))
    lifecycle.report_update(channel, TODAY - datetime.timedelta(days=1), by=town_a.editor, now=NOW)
    channel.refresh_from_db()
    assert channel.last_update_on == TODAY - datetime.timedelta(days=1)
    assert channel.events.get().action == ChannelEvent.Action.REPORT_UPDATE
    for bad, words in (
        (TODAY + datetime.timedelta(days=1), "晚于今天"),
        (TODAY - datetime.timedelta(days=5), "不能更早"),
    ):
        with pytest.raises(ValidationError) as error:
            lifecycle.report_update(channel, bad, now=NOW)
        assert words in str(error.value)
    channel.refresh_from_db()
    assert channel.last_update_on == TODAY - datetime.timedelta(days=1) and channel.events.count() == 1


def test_report_update_is_for_active_external_accounts(town_a):
    stopped = ChannelFactory(unit=town_a.unit, status=Channel.Status.SUSPENDED)
    platform = ChannelFactory(unit=town_a.unit, kind=Channel.Kind.PLATFORM, account_id="")
    for channel in (stopped, platform):
        with pytest.raises(ValidationError):
            lifecycle.report_update(channel, TODAY, now=NOW)


def test_one_account_per_platform_per_unit_is_advice(town_a, town_b):
    first = ChannelFactory(unit=town_a.unit, kind=Channel.Kind.WECHAT, name="青禾发布")
    second = ChannelFactory(unit=town_a.unit, kind=Channel.Kind.WECHAT, name="青禾生活")
    ChannelFactory(unit=town_a.unit, kind=Channel.Kind.WECHAT, status=Channel.Status.CLOSED)
    ChannelFactory(unit=town_a.unit, kind=Channel.Kind.WEIBO)
    ChannelFactory(unit=town_b.unit, kind=Channel.Kind.WECHAT)
    duplicates = lifecycle.duplicate_accounts()
    assert [(unit, kind, [c.pk for c in channels]) for unit, kind, channels in duplicates] == [
        (town_a.unit, "微信公众号", [first.pk, second.pk])
    ]
    assert list(lifecycle.duplicates_of(first)) == [second]
