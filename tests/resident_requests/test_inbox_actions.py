"""Handling a request in the admin: every action through the view, who may do it, and what a refusal looks like."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from townsquare.resident_requests import handling
from townsquare.resident_requests.models import (
    ExtensionRequest,
    RequestEvent,
    RequestType,
    ResidentRequest,
    StaffNotice,
    Status,
)

SHANGHAI = ZoneInfo("Asia/Shanghai")
pytestmark = pytest.mark.django_db
Action = RequestEvent.Action


def at(*args):
    return datetime(*args, tzinfo=SHANGHAI)


def detail(request):
    return reverse("resident_requests_detail", args=[request.pk])


def act(client, request, action, **fields):
    data = {"action": action, **{f"{action}-{name}": value for name, value in fields.items()}}
    return client.post(detail(request), data)


def refused(response):
    """Wagtail turns PermissionDenied in admin views into a redirect to the dashboard with a message."""
    return response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")


def last_event(request):
    return request.events.order_by("-at", "-pk").first()


@pytest.fixture
def roads_request(desk):
    request, _ = desk.file(contact_email="lisi@example.com")
    return request


@pytest.fixture
def town_a_client(client, town_a):
    client.force_login(town_a.editor)
    return client


# --- Seeing -----------------------------------------------------------------------------------


def test_staff_see_everything_including_the_contact(town_a_client, roads_request):
    response = town_a_client.get(detail(roads_request))
    assert response.status_code == 200
    html = response.content.decode()
    for text in ("东街路灯不亮", "13900001111", "李四", "lisi@example.com", "受理这条留言", "办理记录", "提交留言"):
        assert text in html


def test_a_town_cannot_open_or_act_on_another_towns_request(client, desk, town_b):
    request, _ = desk.file()  # roads → town A
    client.force_login(town_b.editor)
    assert refused(client.get(detail(request)))
    assert refused(act(client, request, "accept"))
    request.refresh_from_db()
    assert request.status == Status.SUBMITTED
    assert list(request.events.values_list("action", flat=True)) == ["submitted"]
    assert refused(act(client, request, "answer", reply="我们来答复"))
    assert not ResidentRequest.objects.filter(status=Status.ANSWERED).exists()


def test_county_and_media_centre_staff_can_open_any_request(client, desk, county):
    request, _ = desk.file(category=desk.schools)
    for user in (county.county.editor, county.media.reviewer):
        client.force_login(user)
        assert client.get(detail(request)).status_code == 200


def test_anonymous_visitors_are_sent_to_the_login(client, roads_request):
    response = client.get(detail(roads_request))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


# --- Acting -----------------------------------------------------------------------------------


def test_accept(town_a_client, roads_request, town_a):
    response = act(town_a_client, roads_request, "accept")
    assert response.status_code == 302 and response["Location"] == detail(roads_request)
    roads_request.refresh_from_db()
    assert roads_request.status == Status.ACCEPTED
    event = last_event(roads_request)
    assert event.action == Action.ACCEPTED and event.actor == town_a.editor
    assert "已受理" in town_a_client.get(detail(roads_request)).content.decode()


def test_transfer_hands_it_to_another_unit_and_leaves_the_inbox(town_a_client, desk, roads_request, town_a):
    response = act(
        town_a_client,
        roads_request,
        "transfer",
        unit=desk.schools.unit.pk,
        reason="属于入学问题",
        category=desk.schools.pk,
    )
    assert response.status_code == 302 and response["Location"] == reverse("resident_requests_inbox")
    roads_request.refresh_from_db()
    assert roads_request.unit == desk.schools.unit and roads_request.category == desk.schools
    event = last_event(roads_request)
    assert event.action == Action.TRANSFERRED and event.actor == town_a.editor and "属于入学问题" in event.note


def test_transfer_with_only_a_category_goes_to_its_unit(town_a_client, desk, roads_request):
    act(town_a_client, roads_request, "transfer", reason="属于入学问题", category=desk.schools.pk)
    roads_request.refresh_from_db()
    assert roads_request.unit == desk.schools.unit


def test_ask_answer_note_extend_and_decline(town_a_client, desk, town_a):
    request, _ = desk.file(request_type=RequestType.HELP)
    handling.accept(request, town_a.editor)

    act(town_a_client, request, "note", note="已联系供电所")
    event = last_event(request)
    assert event.action == Action.NOTE and not event.is_public and event.actor == town_a.editor

    act(town_a_client, request, "ask", question="请说明是哪个路口。")
    request.refresh_from_db()
    assert request.status == Status.WAITING and last_event(request).actor == town_a.editor

    handling.add_information(request, "东街和人民路交叉口。")
    mail.outbox.clear()
    act(town_a_client, request, "extend", working_days=5, reason="需要更换电缆")
    extension = ExtensionRequest.objects.get(request=request)
    assert extension.decision == ExtensionRequest.Decision.PENDING and extension.requested_by == town_a.editor
    # The county hears of it at once: a notice in the admin and an e-mail to its heads.
    assert StaffNotice.objects.filter(request=request, kind=StaffNotice.Kind.EXTENSION, for_county=True).exists()
    assert [m.to for m in mail.outbox] == [["county_head@example.gov.cn"]]
    assert "延期待审批" in mail.outbox[0].subject

    act(town_a_client, request, "answer", reply="路灯已于今天修好。")
    request.refresh_from_db()
    assert request.status == Status.ANSWERED and request.reply == "路灯已于今天修好。"
    assert last_event(request).action == Action.ANSWERED and last_event(request).actor == town_a.editor

    other, _ = desk.file(title="广告推销")
    act(town_a_client, other, "decline", reason="与政务无关。")
    other.refresh_from_db()
    assert other.status == Status.DECLINED and other.decline_reason == "与政务无关。"
    assert last_event(other).actor == town_a.editor


def test_merge_by_tracking_number(town_a_client, desk, town_a):
    main, _ = desk.file(title="东街路灯坏了")
    duplicate, _ = desk.file(title="东街口没有路灯")
    act(town_a_client, duplicate, "merge", tracking_number=main.tracking_number)
    duplicate.refresh_from_db()
    assert duplicate.status == Status.MERGED and duplicate.merged_into == main
    assert last_event(duplicate).actor == town_a.editor


def test_merge_with_an_unknown_number_shows_a_field_error(town_a_client, roads_request):
    response = act(town_a_client, roads_request, "merge", tracking_number="000")
    assert response.status_code == 200
    assert "没有找到受理编号为 000 的留言" in response.content.decode()
    roads_request.refresh_from_db()
    assert roads_request.status == Status.SUBMITTED


def test_a_unit_cannot_merge_into_another_units_case(town_a_client, desk, roads_request):
    theirs, _ = desk.file(category=desk.schools)
    response = act(town_a_client, roads_request, "merge", tracking_number=theirs.tracking_number)
    assert "跨单位并案请联系县里" in response.content.decode()
    roads_request.refresh_from_db()
    assert roads_request.status == Status.SUBMITTED


def test_only_the_county_decides_extensions(client, desk, county, town_a):
    request, _ = desk.file(request_type=RequestType.HELP)
    handling.accept(request, town_a.editor)
    extension = handling.request_extension(request, 5, "需要现场勘查", town_a.head)
    due = request.answer_due

    client.force_login(town_a.head)
    response = act(client, request, "decide", extension=extension.pk, decision="approve")
    extension.refresh_from_db()
    assert extension.decision == ExtensionRequest.Decision.PENDING
    assert response.status_code == 302  # refused with a message, nothing changed
    assert "延期申请由县里审批" in client.get(detail(request)).content.decode()

    client.force_login(county.county.head)
    page = client.get(detail(request)).content.decode()
    assert "审批延期" in page and "需要现场勘查" in page
    act(client, request, "decide", extension=extension.pk, decision="approve")
    extension.refresh_from_db()
    request.refresh_from_db()
    assert extension.decision == ExtensionRequest.Decision.APPROVED and extension.decided_by == county.county.head
    assert request.answer_due > due
    assert last_event(request).action == Action.EXTENSION_APPROVED
    assert last_event(request).actor == county.county.head


def test_refusing_an_extension(client, desk, county, town_a):
    request, _ = desk.file(request_type=RequestType.HELP)
    handling.accept(request, town_a.editor)
    extension = handling.request_extension(request, 3, "再等等", town_a.head)
    client.force_login(county.media.head)
    act(client, request, "decide", extension=extension.pk, decision="refuse")
    extension.refresh_from_db()
    assert extension.decision == ExtensionRequest.Decision.REFUSED
    assert last_event(request).action == Action.EXTENSION_REFUSED


def test_adopting_the_routing_suggestion(client, desk, county):
    request, _ = desk.file(title="孩子上学的事", details="孩子明年上小学，学区怎么划？")
    request.suggested_category = desk.schools
    request.suggestion_score = 0.96
    request.save()
    client.force_login(county.county.editor)
    page = client.get(detail(request)).content.decode()
    assert "智能分拨建议" in page and "采纳建议" in page
    act(client, request, "adopt")
    request.refresh_from_db()
    assert request.unit == desk.schools.unit and request.category == desk.schools
    event = last_event(request)
    assert event.action == Action.TRANSFERRED and event.actor == county.county.editor and "智能分拨" in event.note


def test_the_county_may_move_a_request_after_the_return_window(client, desk, county):
    request, _ = desk.file(now=at(2026, 11, 27, 10, 0))
    client.force_login(county.county.head)
    with time_machine.travel(at(2026, 12, 4, 9, 0), tick=False):
        act(client, request, "transfer", unit=desk.schools.unit.pk, reason="县里统一调度")
    request.refresh_from_db()
    assert request.unit == desk.schools.unit


# --- Refusals ---------------------------------------------------------------------------------


def test_a_handling_error_shows_a_message_keeps_the_input_and_changes_nothing(town_a_client, desk):
    request, _ = desk.file(now=at(2026, 11, 27, 10, 0))
    with time_machine.travel(at(2026, 12, 4, 9, 0), tick=False):
        response = act(town_a_client, request, "transfer", unit=desk.schools.unit.pk, reason="我们不管这个")
    assert response.status_code == 200
    html = response.content.decode()
    assert "已超过2个工作日的退回期限" in html
    assert "我们不管这个" in html  # the form keeps what was typed
    request.refresh_from_db()
    assert request.unit == desk.roads.unit
    assert list(request.events.values_list("action", flat=True)) == ["submitted"]


def test_an_empty_reply_is_refused(town_a_client, roads_request):
    response = act(town_a_client, roads_request, "answer", reply="   ")
    assert response.status_code == 200 and "答复内容不能为空" in response.content.decode()
    roads_request.refresh_from_db()
    assert roads_request.status == Status.SUBMITTED


def test_too_long_an_extension_is_a_field_error(town_a_client, roads_request, town_a):
    handling.accept(roads_request, town_a.editor)
    response = act(town_a_client, roads_request, "extend", working_days=11, reason="太忙")
    assert response.status_code == 200
    assert not ExtensionRequest.objects.exists()
    assert "请按提示修改后再提交" in response.content.decode()


def test_an_action_that_does_not_fit_the_state_is_refused(town_a_client, roads_request):
    response = act(town_a_client, roads_request, "ask", question="请补充")  # not accepted yet
    assert response.status_code == 302
    roads_request.refresh_from_db()
    assert roads_request.status == Status.SUBMITTED
    page = town_a_client.get(detail(roads_request)).content.decode()
    assert "现在不能做这个操作" in page


# --- Reply templates --------------------------------------------------------------------------


def test_reply_template_is_inserted_without_javascript(town_a_client, roads_request, town_a):
    from townsquare.resident_requests.models import ReplyTemplate

    template = ReplyTemplate.objects.create(unit=town_a.unit, title="路灯已修", body="您反映的路灯已修复，感谢监督。")
    ReplyTemplate.objects.create(unit=None, title="全县通用", body="感谢您的留言。")
    ReplyTemplate.objects.create(unit=town_a.unit.__class__.objects.get(slug="shiqiao"), title="石桥镇的", body="x")
    page = town_a_client.get(detail(roads_request)).content.decode()
    assert "路灯已修" in page and "全县通用" in page and "石桥镇的" not in page
    response = town_a_client.post(
        detail(roads_request),
        {"action": "answer", "answer-template": template.pk, "answer-reply": "", "insert_template": "1"},
    )
    assert response.status_code == 200
    assert "您反映的路灯已修复，感谢监督。</textarea>" in response.content.decode()
    roads_request.refresh_from_db()
    assert roads_request.status == Status.SUBMITTED
