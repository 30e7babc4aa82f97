"""The unit inbox: which tab a request is in, who sees it, and the order staff work in."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from townsquare.resident_requests import deadlines, handling, inbox
from townsquare.resident_requests.models import RequestType, ResidentRequest, Status
from townsquare.resident_requests.wagtail_hooks import inbox_menu_item
from townsquare.units.access import sees_all

SHANGHAI = ZoneInfo("Asia/Shanghai")
pytestmark = pytest.mark.django_db


def at(*args):
    return datetime(*args, tzinfo=SHANGHAI)


# Monday 2026-11-30, 10:00. "Due soon" reaches to the end of Tuesday 12-01 (one working day ahead).
MONDAY = at(2026, 11, 30, 10, 0)
FRIDAY = at(2026, 11, 27, 10, 0)  # a 咨询 filed now is due Tuesday 12-01 17:30
WEDNESDAY = at(2026, 12, 2, 9, 0)
INBOX = reverse("resident_requests_inbox")


@pytest.fixture
def cases(desk):
    """Requests in every state, filed at fixed times before MONDAY."""
    town_a, county = desk.county.town_a, desk.county.county
    fresh, _ = desk.file(title="今天刚来的咨询", now=at(2026, 11, 30, 9, 0))  # due Wed 12-02
    due_soon, _ = desk.file(title="周五的咨询", now=at(2026, 11, 27, 10, 0))  # due Tue 12-01
    overdue, _ = desk.file(title="上周三的咨询", now=at(2026, 11, 25, 10, 0))  # due Fri 11-27
    handling.accept(overdue, town_a.editor, now=at(2026, 11, 26, 9, 0))
    answered, _ = desk.file(title="已经答复的咨询", now=at(2026, 11, 24, 10, 0))
    handling.answer(answered, "已修好。", town_a.editor, now=at(2026, 11, 25, 9, 0))
    waiting, _ = desk.file(title="等补充的咨询", now=at(2026, 11, 20, 10, 0))  # due 11-24, but paused
    handling.accept(waiting, town_a.editor, now=at(2026, 11, 23, 9, 0))
    handling.ask_for_information(waiting, "请说明是哪个路口。", town_a.editor, now=at(2026, 11, 23, 10, 0))
    extending, _ = desk.file(title="要延期的建议", request_type=RequestType.SUGGEST, now=at(2026, 11, 26, 10, 0))
    handling.accept(extending, town_a.editor, now=at(2026, 11, 26, 11, 0))
    handling.request_extension(extending, 5, "需要现场勘查", town_a.head)
    elsewhere, _ = desk.file(category=desk.schools, title="石桥镇的入学咨询", now=at(2026, 11, 30, 8, 0))
    return {
        "fresh": fresh,
        "due_soon": due_soon,
        "overdue": overdue,
        "answered": answered,
        "waiting": waiting,
        "extending": extending,
        "elsewhere": elsewhere,
        "county": county,
    }


def titles(user, key, query=""):
    return [r.title for r in inbox.bucket_requests(user, key, query, now=MONDAY)]


def test_each_request_is_in_the_right_tabs(cases, town_a):
    editor = town_a.editor
    with time_machine.travel(MONDAY, tick=False):
        assert titles(editor, "new") == ["周五的咨询", "今天刚来的咨询"]  # the one due first comes first
        assert titles(editor, "working") == ["上周三的咨询", "要延期的建议", "等补充的咨询"]
        assert titles(editor, "due_soon") == ["周五的咨询"]
        assert titles(editor, "overdue") == ["上周三的咨询"]
        assert titles(editor, "answered") == ["已经答复的咨询"]
        counts = inbox.bucket_counts(editor, MONDAY)
    assert counts == {"new": 2, "working": 3, "due_soon": 1, "overdue": 1, "answered": 1, "all": 6}


def test_the_county_sees_every_unit_and_its_own_tabs(cases):
    head = cases["county"].head
    counts = inbox.bucket_counts(head, MONDAY)
    assert counts["new"] == 3 and counts["all"] == 7
    assert counts["waiting"] == 1 and counts["extension"] == 1
    assert titles(head, "waiting") == ["等补充的咨询"]
    assert titles(head, "extension") == ["要延期的建议"]


def test_the_media_centre_sees_everything_too(cases, county):
    assert sees_all(county.media.editor, media_center=True)
    assert "石桥镇的入学咨询" in titles(county.media.editor, "new")


def test_a_town_sees_only_its_own_requests(cases, town_b):
    assert titles(town_b.editor, "all") == ["石桥镇的入学咨询"]
    assert "waiting" not in inbox.bucket_counts(town_b.editor, MONDAY)


def test_due_soon_matches_the_deadline_rules_for_running_clocks(cases):
    head = cases["county"].head
    soon = set(r.pk for r in inbox.bucket_requests(head, "due_soon", now=MONDAY))
    late = set(r.pk for r in inbox.bucket_requests(head, "overdue", now=MONDAY))
    for request in ResidentRequest.objects.filter(paused_at__isnull=True):
        assert (request.pk in soon) == deadlines.is_due_soon(request, MONDAY), request.title
        assert (request.pk in late) == deadlines.is_overdue(request, MONDAY), request.title


def test_a_paused_request_is_neither_due_soon_nor_overdue(cases):
    waiting = cases["waiting"]
    assert waiting.answer_due < MONDAY
    assert inbox.due_label(waiting, MONDAY).text == "暂停计时，等留言人补充"
    assert waiting.title not in titles(cases["county"].head, "overdue")


def test_a_paused_clock_is_neither_due_soon_nor_overdue_in_rules_and_queries(desk):
    editor = desk.county.town_a.editor
    running, _ = desk.file(now=FRIDAY)
    paused, _ = desk.file(now=FRIDAY)
    handling.accept(paused, editor, now=FRIDAY)
    handling.ask_for_information(paused, "哪个路口？", editor, now=FRIDAY + timedelta(hours=1))
    for moment in (MONDAY, WEDNESDAY):
        for request in (running, paused):
            request.refresh_from_db()
            in_due_soon = ResidentRequest.objects.filter(inbox.due_soon_q(moment), pk=request.pk).exists()
            in_overdue = ResidentRequest.objects.filter(inbox.overdue_q(moment), pk=request.pk).exists()
            assert deadlines.is_due_soon(request, moment) == in_due_soon
            assert deadlines.is_overdue(request, moment) == in_overdue
    assert deadlines.is_due_soon(running, MONDAY) and not deadlines.is_due_soon(paused, MONDAY)
    assert deadlines.is_overdue(running, WEDNESDAY) and not deadlines.is_overdue(paused, WEDNESDAY)
    assert inbox.due_label(paused, MONDAY).text == "暂停计时，等留言人补充"


def test_search_by_tracking_number_or_title(cases, town_a):
    number = cases["overdue"].tracking_number
    assert titles(town_a.editor, "all", number) == ["上周三的咨询"]
    assert titles(town_a.editor, "all", "周五") == ["周五的咨询"]


def test_inbox_page_lists_urgent_requests_with_words_and_colour(client, cases, town_a):
    client.force_login(town_a.editor)
    with time_machine.travel(MONDAY, tick=False):
        response = client.get(INBOX, {"tab": "working"})
    assert response.status_code == 200
    html = response.content.decode()
    assert html.index("上周三的咨询") < html.index("要延期的建议")
    assert 'rr-due--danger">已超期' in html
    assert "石桥镇的入学咨询" not in html
    assert "延期待审批" in html  # shown on the row, though the tab is the county's
    with time_machine.travel(MONDAY, tick=False):
        response = client.get(INBOX, {"tab": "new"})
    assert 'rr-due--warning">即将超期' in response.content.decode()


def test_inbox_page_search_and_unknown_tab(client, cases, town_a):
    client.force_login(town_a.editor)
    response = client.get(INBOX, {"tab": "nonsense", "q": cases["fresh"].tracking_number})
    assert response.status_code == 200
    assert "今天刚来的咨询" in response.content.decode()
    response = client.get(INBOX, {"tab": "all", "q": "没有这个"})
    assert "没有找到符合" in response.content.decode()


def test_inbox_query_count_does_not_grow_with_requests(client, desk, django_assert_max_num_queries):
    client.force_login(desk.county.town_a.editor)
    client.get(INBOX)  # warm up caches (sessions, site)
    for i in range(3):
        desk.file(title=f"第{i}条")
    with django_assert_max_num_queries(25) as few:
        client.get(INBOX, {"tab": "all"})
    for i in range(20):
        desk.file(title=f"再来第{i}条")
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(INBOX, {"tab": "all"})


def test_menu_item_shows_open_count(rf, cases, town_a, town_b):
    item = inbox_menu_item()
    request = rf.get("/admin/")
    request.user = town_a.editor
    assert item.is_shown(request)
    assert item.render_component(request).label == "我要留言（5）"
    request.user = town_b.editor
    assert item.render_component(request).label == "我要留言（1）"


def test_statuses_are_what_the_cases_say(cases):
    assert cases["waiting"].status == Status.WAITING
    assert cases["answered"].status == Status.ANSWERED


@pytest.mark.parametrize("view", ["history", "usage"])
def test_another_units_reply_template_history_and_usage_stay_closed(client, town_a, town_b, view):
    from townsquare.resident_requests.models import ReplyTemplate

    template = ReplyTemplate.objects.create(unit=town_a.unit, title="路灯已修", body="您反映的路灯已修复。")
    client.force_login(town_b.editor)
    response = client.get(reverse(f"wagtailsnippets_resident_requests_replytemplate:{view}", args=[template.pk]))
    assert response.status_code in (302, 403) and "路灯已修" not in response.content.decode()
