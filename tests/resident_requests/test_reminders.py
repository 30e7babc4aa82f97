"""Reminders a working day before the answer deadline and on breach: notices, e-mails, once each."""

from datetime import datetime, timedelta
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.core import mail
from django.db import IntegrityError
from django.urls import reverse

from townsquare.core.scheduling import JOBS, run_job
from townsquare.resident_requests import handling, reminders
from townsquare.resident_requests.models import RequestEvent, StaffNotice, Status

SHANGHAI = ZoneInfo("Asia/Shanghai")
pytestmark = pytest.mark.django_db


def at(*args):
    return datetime(*args, tzinfo=SHANGHAI)


FRIDAY = at(2026, 11, 27, 10, 0)  # a 咨询 filed now is due Tuesday 12-01 17:30
MONDAY = at(2026, 11, 30, 10, 0)  # one working day before: due soon
TUESDAY = at(2026, 12, 1, 10, 0)
WEDNESDAY = at(2026, 12, 2, 9, 0)  # past the deadline
THURSDAY = at(2026, 12, 3, 10, 0)
NEXT_MONDAY = at(2026, 12, 7, 10, 0)
TOWN_A_HANDLERS = ["qinghe_editor@example.gov.cn", "qinghe_head@example.gov.cn", "qinghe_reviewer@example.gov.cn"]
COUNTY_HEADS = ["county_head@example.gov.cn"]


@pytest.fixture
def request_due_tuesday(desk):
    request, _ = desk.file(title="东街路灯不亮，电话13900001111", now=FRIDAY)
    return request


def recipients():
    return sorted(address for message in mail.outbox for address in message.to)


def test_nothing_is_sent_while_the_deadline_is_far(request_due_tuesday):
    with time_machine.travel(FRIDAY + timedelta(hours=1), tick=False):
        outcome = reminders.send_reminders()
    assert str(outcome).startswith("即将超期0件") and mail.outbox == []
    assert not StaffNotice.objects.exists()


def test_due_soon_notifies_the_unit_and_the_county_once(request_due_tuesday, town_a):
    with time_machine.travel(MONDAY, tick=False):
        outcome = reminders.send_reminders()
    assert outcome.due_soon == 1 and outcome.emails == 4
    assert recipients() == sorted(TOWN_A_HANDLERS + COUNTY_HEADS)
    notices = StaffNotice.objects.filter(request=request_due_tuesday, kind=StaffNotice.Kind.DUE_SOON)
    assert sorted(notices.values_list("for_county", flat=True)) == [False, True]
    assert all(notice.unit == town_a.unit for notice in notices)

    message = next(m for m in mail.outbox if m.to == [TOWN_A_HANDLERS[0]])
    number = request_due_tuesday.tracking_number
    assert message.subject == f"【留言即将超期】{number} 东街路灯不亮，电话139****1111"
    assert "2026-12-01 17:30" in message.body and "13900001111" not in message.body
    assert f"{settings.WAGTAILADMIN_BASE_URL}/admin/liuyan/{request_due_tuesday.pk}/" in message.body
    county_copy = next(m for m in mail.outbox if m.to == COUNTY_HEADS)
    assert "抄送县里" in county_copy.body

    event = request_due_tuesday.events.get(action=RequestEvent.Action.REMINDED)
    assert not event.is_public and event.actor is None

    mail.outbox.clear()
    with time_machine.travel(MONDAY + timedelta(minutes=10), tick=False):
        again = reminders.send_reminders()
    assert again.due_soon == 0 and mail.outbox == []
    assert StaffNotice.objects.count() == 2
    assert request_due_tuesday.events.filter(action=RequestEvent.Action.REMINDED).count() == 1


def test_overdue_notifies_once_more_and_then_stays_quiet(request_due_tuesday):
    with time_machine.travel(MONDAY, tick=False):
        reminders.send_reminders()
    mail.outbox.clear()
    with time_machine.travel(WEDNESDAY, tick=False):
        outcome = reminders.send_reminders()
        reminders.send_reminders()
    assert outcome.overdue == 1 and len(mail.outbox) == 4
    assert all(m.subject.startswith("【留言已超期】") for m in mail.outbox)
    assert StaffNotice.objects.filter(kind=StaffNotice.Kind.OVERDUE).count() == 2
    assert request_due_tuesday.events.filter(action=RequestEvent.Action.OVERDUE, is_public=False).count() == 1


def test_answered_and_paused_requests_get_no_reminder(desk, town_a):
    answered, _ = desk.file(now=FRIDAY)
    handling.answer(answered, "已修好。", town_a.editor, now=FRIDAY + timedelta(hours=1))
    paused, _ = desk.file(now=FRIDAY)
    handling.accept(paused, town_a.editor, now=FRIDAY)
    handling.ask_for_information(paused, "哪个路口？", town_a.editor, now=FRIDAY + timedelta(hours=1))
    with time_machine.travel(WEDNESDAY, tick=False):
        reminders.send_reminders()
    assert mail.outbox == [] and not StaffNotice.objects.exists()


def test_a_failing_mail_server_keeps_nothing_and_the_next_run_retries(request_due_tuesday):
    with time_machine.travel(MONDAY, tick=False):
        with mock.patch("django.core.mail.backends.locmem.EmailBackend.send_messages", side_effect=OSError):
            outcome = reminders.send_reminders()
        assert outcome.failed == 1 and not StaffNotice.objects.exists()
        assert not RequestEvent.objects.filter(action=RequestEvent.Action.REMINDED).exists()
        assert reminders.send_reminders().due_soon == 1
    assert len(mail.outbox) == 4


def test_the_scheduled_job_runs_the_reminders(request_due_tuesday):
    job = JOBS["request_reminders"]
    assert job.every == timedelta(minutes=10) and job.label == "留言到期提醒"
    with time_machine.travel(MONDAY, tick=False):
        assert run_job(job)
    assert len(mail.outbox) == 4


# --- A new deadline is reminded again, the same deadline never twice ---------------------------


def notices(request, kind):
    return StaffNotice.objects.filter(request=request, kind=kind, for_county=False)


def test_a_reopened_request_is_reminded_again_for_its_new_deadline(desk):
    editor = desk.county.town_a.editor
    request, _ = desk.file(now=FRIDAY)
    with time_machine.travel(MONDAY, tick=False):
        assert reminders.send_reminders().due_soon == 1
    handling.answer(request, "已修好。", editor, now=MONDAY + timedelta(hours=1))
    handling.rate(request, "unsatisfied", "没修好", now=MONDAY + timedelta(hours=2))
    request.refresh_from_db()
    assert request.status == Status.ACCEPTED and request.answer_due == at(2026, 12, 2, 17, 30)
    mail.outbox.clear()
    with time_machine.travel(TUESDAY, tick=False):
        outcome = reminders.send_reminders()
        again = reminders.send_reminders()
    assert outcome.due_soon == 1 and len(mail.outbox) == 4 and again.due_soon == 0
    assert "2026-12-02 17:30" in mail.outbox[0].body
    due_soon = notices(request, StaffNotice.Kind.DUE_SOON).order_by("created_at")
    assert [n.deadline for n in due_soon] == [at(2026, 12, 1, 17, 30), at(2026, 12, 2, 17, 30)]
    # The notice about the old deadline is done with; the new one waits to be read.
    assert [n.read_at is None for n in due_soon] == [False, True]


def test_an_extension_after_a_breach_brings_reminders_for_the_new_deadline(desk):
    editor, county_head = desk.county.town_a.editor, desk.county.county.head
    request, _ = desk.file(now=FRIDAY)
    handling.accept(request, editor, now=FRIDAY)
    with time_machine.travel(WEDNESDAY, tick=False):
        assert reminders.send_reminders().overdue == 1
        extension = handling.request_extension(request, 3, "需要现场勘查", editor)
        handling.decide_extension(extension, True, county_head, now=WEDNESDAY)
    request.refresh_from_db()
    assert request.answer_due == at(2026, 12, 4, 17, 30)
    with time_machine.travel(THURSDAY, tick=False):
        assert reminders.send_reminders().due_soon == 1
    with time_machine.travel(NEXT_MONDAY, tick=False):
        assert reminders.send_reminders().overdue == 1
        assert reminders.send_reminders().overdue == 0
    assert notices(request, StaffNotice.Kind.OVERDUE).count() == 2
    assert StaffNotice.objects.filter(request=request, kind=StaffNotice.Kind.OVERDUE, for_county=True).count() == 2


def test_the_same_deadline_is_never_noticed_twice_by_the_database(desk):
    request, _ = desk.file(now=FRIDAY)
    fields = {"request": request, "kind": StaffNotice.Kind.DUE_SOON, "for_county": False}
    StaffNotice.objects.create(**fields, deadline=request.answer_due)
    StaffNotice.objects.create(**fields, deadline=request.answer_due + timedelta(days=1))
    with pytest.raises(IntegrityError):
        StaffNotice.objects.create(**fields, deadline=request.answer_due)


# --- In the admin -----------------------------------------------------------------------------


def test_the_dashboard_shows_reminders_to_the_unit_until_opened(client, request_due_tuesday, town_a, town_b):
    with time_machine.travel(MONDAY, tick=False):
        reminders.send_reminders()
        client.force_login(town_a.editor)
        home = client.get(reverse("wagtailadmin_home")).content.decode()
        assert "留言提醒" in home and request_due_tuesday.tracking_number in home
        assert 'rr-due--warning">即将超期' in home

        client.force_login(town_b.editor)
        other = client.get(reverse("wagtailadmin_home")).content.decode()
        assert "留言提醒" in other and request_due_tuesday.tracking_number not in other

        client.force_login(town_a.reviewer)
        client.get(reverse("resident_requests_detail", args=[request_due_tuesday.pk]))
        unit_notice = StaffNotice.objects.get(for_county=False)
        assert unit_notice.read_at is not None
        assert StaffNotice.objects.get(for_county=True).read_at is None  # the county's copy stays unread

        client.force_login(town_a.editor)
        home = client.get(reverse("wagtailadmin_home")).content.decode()
        assert request_due_tuesday.tracking_number not in home
        assert "没有新的提醒" in home


def test_the_county_sees_its_copies_on_the_dashboard(client, request_due_tuesday, county):
    with time_machine.travel(WEDNESDAY, tick=False):
        reminders.send_reminders()
        client.force_login(county.county.head)
        home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert request_due_tuesday.tracking_number in home
    assert 'rr-due--danger">已超期' in home
    assert home.count(request_due_tuesday.tracking_number) == 1  # one line per request and kind


def test_pending_extensions_reach_the_county_once(desk, town_a):
    request, _ = desk.file(now=FRIDAY)
    handling.accept(request, town_a.editor, now=FRIDAY)
    with time_machine.travel(FRIDAY + timedelta(hours=1), tick=False):
        handling.request_extension(request, 3, "需要现场勘查", town_a.head)
    with time_machine.travel(FRIDAY + timedelta(hours=2), tick=False):
        assert reminders.send_reminders().extensions == 1
        assert reminders.send_reminders().extensions == 0
    assert [m.to for m in mail.outbox] == [COUNTY_HEADS]
    assert "申请把这条留言的答复期限延长3个工作日" in mail.outbox[0].body
