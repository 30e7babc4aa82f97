"""The admin: unit staff see and act on their own unit's channels; 停更/注销 are for heads and county staff."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import PASSWORD
from townsquare.channels.models import Channel, ChannelEvent
from townsquare.publishing.models import NoticePage

from .factories import ChannelFactory

pytestmark = pytest.mark.django_db

INDEX = reverse("channels_admin_index")
CREATE = reverse("channels_admin_create")


def detail(channel):
    return reverse("channels_admin_detail", args=[channel.pk])


def denied(response):
    """Wagtail's admin answers PermissionDenied with a redirect to the dashboard and a message."""
    return response.status_code == 403 or (
        response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")
    )


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


@pytest.fixture
def channels(town_a, town_b):
    return {
        "a": ChannelFactory(unit=town_a.unit, name="青禾发布"),
        "b": ChannelFactory(unit=town_b.unit, name="石桥发布"),
        "zombie": ChannelFactory(
            unit=town_b.unit,
            kind=Channel.Kind.DOUYIN,
            name="石桥抖音",
            last_update_on=timezone.localdate() - datetime.timedelta(days=30),
        ),
    }


def names(response):
    return {channel.name for channel in response.context["page_obj"]}


def test_unit_staff_see_only_their_units_channels(client, town_a, channels):
    login(client, town_a.editor)
    response = client.get(INDEX)
    assert response.status_code == 200
    assert names(response) == {"青禾发布"}
    assert denied(client.get(detail(channels["b"])))
    assert denied(client.get(reverse("channels_admin_edit", args=[channels["b"].pk])))
    assert denied(client.post(detail(channels["b"]), {"action": "report_update", "report_update-date": "2026-01-01"}))
    assert not channels["b"].events.exists()


def test_county_staff_see_everything_and_filter(client, county, channels, town_b):
    login(client, county.county.editor)
    assert names(client.get(INDEX)) == {"青禾发布", "石桥发布", "石桥抖音"}
    assert names(client.get(INDEX, {"unit": town_b.unit.pk})) == {"石桥发布", "石桥抖音"}
    assert names(client.get(INDEX, {"kind": "douyin"})) == {"石桥抖音"}
    assert names(client.get(INDEX, {"zombie": "1"})) == {"石桥抖音"}
    assert names(client.get(INDEX, {"zombie": "0"})) == {"青禾发布", "石桥发布"}
    assert names(client.get(INDEX, {"status": "closed"})) == set()
    assert names(client.get(INDEX, {"q": "抖音"})) == {"石桥抖音"}


def test_people_without_a_unit_are_turned_away(client, django_user_model):
    user = django_user_model.objects.create_user("outsider", password=PASSWORD)
    client.force_login(user)
    response = client.get(INDEX)
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")
    assert "page_obj" not in (response.context or {})


def test_registering_through_the_admin_records_the_event_and_advises_on_duplicates(client, town_a, channels):
    login(client, town_a.editor)
    response = client.post(
        CREATE,
        {
            "unit": town_a.unit.pk,
            "kind": "wechat",
            "name": "青禾生活",
            "account_id": "gh_new",
            "responsible_person": "李",
        },
        follow=True,
    )
    channel = Channel.objects.get(account_id="gh_new")
    assert channel.unit == town_a.unit
    assert channel.events.get().by == town_a.editor
    text = response.content.decode()
    assert "原则上只开设一个账号" in text


def test_a_unit_editor_cannot_register_for_another_unit_and_keeps_what_was_typed(client, town_a, town_b):
    login(client, town_a.editor)
    response = client.post(CREATE, {"unit": town_b.unit.pk, "kind": "weibo", "name": "别人的微博"})
    assert response.status_code == 200
    assert not Channel.objects.filter(name="别人的微博").exists()
    form = response.context["form"]
    assert "unit" in form.errors
    assert "别人的微博" in response.content.decode()


def test_editing_records_the_change(client, town_a, channels):
    login(client, town_a.editor)
    channel = channels["a"]
    data = {
        "unit": town_a.unit.pk,
        "kind": "wechat",
        "name": "青禾镇发布",
        "account_id": channel.account_id,
        "responsible_person": channel.responsible_person,
        "opened_on": channel.opened_on.isoformat(),
        "last_update_on": channel.last_update_on.isoformat(),
    }
    client.post(reverse("channels_admin_edit", args=[channel.pk]), data)
    event = channel.events.get(action=ChannelEvent.Action.CHANGE)
    assert event.detail == "账号名称：青禾发布 → 青禾镇发布" and event.by == town_a.editor


def test_editor_reports_updates_but_cannot_suspend(client, town_a, channels):
    login(client, town_a.editor)
    channel = channels["a"]
    page = client.get(detail(channel))
    assert "report_update" in page.context["forms"] and "suspend" not in page.context["forms"]
    today = timezone.localdate()
    client.post(detail(channel), {"action": "report_update", "report_update-date": today.isoformat()})
    assert channel.events.filter(action="report_update", by=town_a.editor).exists()
    assert denied(client.post(detail(channel), {"action": "suspend", "suspend-continues_at": "网上的青禾镇"}))
    channel.refresh_from_db()
    assert channel.status == Channel.Status.ACTIVE


def test_head_suspends_and_the_notice_is_published(client, town_a, channels):
    login(client, town_a.head)
    channel = channels["a"]
    response = client.post(detail(channel), {"action": "suspend", "suspend-continues_at": "网上的青禾镇"}, follow=True)
    assert response.status_code == 200
    channel.refresh_from_db()
    assert channel.status == Channel.Status.SUSPENDED
    notice = NoticePage.objects.get(pk=channel.suspension_notice_id)
    assert notice.live and "青禾发布" in notice.title
    assert "停更公告已发布" in response.content.decode()


def test_a_suspend_without_where_comes_back_with_a_chinese_error(client, town_a, channels):
    login(client, town_a.head)
    response = client.post(detail(channels["a"]), {"action": "suspend", "suspend-continues_at": ""})
    assert response.status_code == 200
    assert "请写明停更后群众到哪里继续获取信息和服务" in response.content.decode()
    channels["a"].refresh_from_db()
    assert channels["a"].status == Channel.Status.ACTIVE


def test_a_report_in_the_future_comes_back_with_the_date_kept(client, town_a, channels):
    login(client, town_a.editor)
    future = (timezone.localdate() + datetime.timedelta(days=3)).isoformat()
    response = client.post(detail(channels["a"]), {"action": "report_update", "report_update-date": future})
    text = response.content.decode()
    assert "更新日期不能晚于今天" in text and future in text


def test_county_staff_close_any_account_and_the_history_shows(client, county, channels):
    login(client, county.county.editor)
    channel = channels["b"]
    client.post(detail(channel), {"action": "close", "close-continues_at": "网上的石桥镇", "close-detail": "已注销"})
    channel.refresh_from_db()
    assert channel.status == Channel.Status.CLOSED
    page = client.get(detail(channel))
    assert [e.action for e in page.context["events"]] == ["close", "suspend"]
    assert "变更记录" in page.content.decode()


def test_action_forms_on_one_page_have_distinct_field_ids(client, town_a, channels):
    import re

    login(client, town_a.head)
    html = client.get(detail(channels["a"])).content.decode()
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert {"id_suspend-continues_at", "id_close-continues_at", "id_report_update-date"} <= set(ids)
    assert len(ids) == len(set(ids))


def test_suspending_with_a_chosen_page_links_to_it(client, town_a, channels):
    login(client, town_a.head)
    channel = channels["a"]
    client.post(detail(channel), {"action": "suspend", "suspend-continues_page": town_a.home.pk})
    channel.refresh_from_db()
    assert channel.status == Channel.Status.SUSPENDED and channel.continues_page_id == town_a.home.pk
    assert channel.continues_url == town_a.home.url


def test_a_platform_section_only_lets_its_responsible_person_change(client, county, town_a):
    from townsquare.channels.platform import sync_platform_channels

    sync_platform_channels()
    channel = Channel.objects.get(page=town_a.home)
    login(client, town_a.editor)
    edit = reverse("channels_admin_edit", args=[channel.pk])
    assert list(client.get(edit).context["form"].fields) == ["responsible_person"]
    client.post(edit, {"responsible_person": "李四", "name": "改不了"})
    channel.refresh_from_db()
    assert channel.responsible_person == "李四" and channel.name == town_a.home.title
    assert client.get(detail(channel)).context["forms"] == {}
