from datetime import datetime
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.db import IntegrityError

from townsquare.resident_requests import handling
from townsquare.resident_requests.handling import HandlingError
from townsquare.resident_requests.models import RequestEvent, RequestType, ResidentRequest, Status

SHANGHAI = ZoneInfo("Asia/Shanghai")
FRIDAY = datetime(2026, 11, 27, 10, 0, tzinfo=SHANGHAI)
pytestmark = pytest.mark.django_db


def at(*args):
    return datetime(*args, tzinfo=SHANGHAI)


def test_a_consultation_on_friday_is_due_end_of_the_second_working_day(desk):
    request, password = desk.file(now=FRIDAY)
    assert request.unit == desk.roads.unit
    assert request.accept_due == at(2026, 11, 30, 17, 30)
    assert request.answer_due == at(2026, 12, 1, 17, 30)
    assert len(password) == 6 and request.check_query_password(password)
    assert list(request.events.values_list("action", flat=True)) == ["submitted"]


def test_complaints_get_fifteen_working_days_across_the_national_day_holiday(desk):
    request, _ = desk.file(request_type=RequestType.COMPLAIN, now=at(2025, 9, 30, 9, 0))
    # 10-09, 10-10, 10-11 (调休), then 10-13 … : the 15th working day after 09-30 is 10-28.
    assert request.answer_due == at(2025, 10, 28, 17, 30)


def test_resending_the_same_submission_creates_one_request(desk):
    first, password = desk.file(key="form-abc")
    again, no_password = desk.file(key="form-abc")
    assert again.pk == first.pk and no_password is None
    assert ResidentRequest.objects.count() == 1


def test_waiting_for_the_resident_pauses_the_clock(desk):
    request, _ = desk.file(request_type=RequestType.SUGGEST, now=FRIDAY)
    staff = desk.county.town_a.editor
    due_before = request.answer_due
    handling.accept(request, staff, now=FRIDAY)
    handling.ask_for_information(request, "请说明是哪一个路口。", staff, now=at(2026, 11, 30, 9, 0))
    # The resident answers three working days later: the deadline moves by three working days.
    handling.add_information(request, "东街和人民路交叉口。", now=at(2026, 12, 3, 9, 0))
    request.refresh_from_db()
    assert request.status == Status.ACCEPTED and request.paused_working_days == 3
    assert request.answer_due == at(2026, 12, 16, 17, 30)
    assert due_before == at(2026, 12, 11, 17, 30)


def test_approved_extension_moves_the_deadline_refused_does_not(desk):
    request, _ = desk.file(request_type=RequestType.HELP, now=FRIDAY)
    staff, county_staff = desk.county.town_a.head, desk.county.county.head
    handling.accept(request, staff)
    with pytest.raises(HandlingError):
        handling.request_extension(request, 11, "需要现场勘查", staff)
    extension = handling.request_extension(request, 5, "需要现场勘查", staff)
    due = request.answer_due
    handling.decide_extension(extension, True, county_staff)
    request.refresh_from_db()
    assert request.extension_working_days == 5 and request.answer_due > due
    refused = handling.request_extension(request, 3, "再等等", staff)
    handling.decide_extension(refused, False, county_staff)
    request.refresh_from_db()
    assert request.extension_working_days == 5


def test_a_unit_can_hand_back_only_within_two_working_days(desk):
    request, _ = desk.file(now=FRIDAY)
    staff = desk.county.town_a.editor
    with pytest.raises(HandlingError, match="2个工作日"):
        handling.transfer(request, desk.schools.unit, "不归我们管", staff, now=at(2026, 12, 2, 9, 0))
    handling.transfer(
        request, desk.schools.unit, "属于入学问题", staff, category=desk.schools, now=at(2026, 12, 1, 9, 0)
    )
    request.refresh_from_db()
    assert request.unit == desk.schools.unit and request.status == Status.SUBMITTED
    assert request.events.filter(action=RequestEvent.Action.TRANSFERRED).exists()


def test_unsatisfied_rating_reopens_once_for_the_same_unit(desk):
    request, _ = desk.file(now=FRIDAY)
    staff = desk.county.town_a.editor
    handling.answer(request, "已安排维修，今晚就亮。", staff, now=at(2026, 11, 27, 15, 0))
    handling.rate(request, "unsatisfied", "还是不亮", now=at(2026, 11, 28, 9, 0))
    request.refresh_from_db()
    assert request.status == Status.ACCEPTED and request.unit == desk.roads.unit and request.reopened_count == 1
    assert request.answer_due == at(2026, 12, 1, 17, 30)
    handling.answer(request, "更换了灯头，已经亮了。", staff, now=at(2026, 11, 30, 15, 0))
    handling.rate(request, "unsatisfied", "", now=at(2026, 11, 30, 18, 0))
    request.refresh_from_db()
    assert request.status == Status.ANSWERED and request.reopened_count == 1
    with pytest.raises(HandlingError):
        handling.rate(request, "satisfied")


def test_duplicates_are_merged_into_one_case(desk):
    main, _ = desk.file()
    duplicate, _ = desk.file(key="second")
    handling.merge(duplicate, main, desk.county.town_a.editor)
    duplicate.refresh_from_db()
    assert duplicate.status == Status.MERGED and duplicate.merged_into == main


def test_every_state_change_is_recorded_with_who(desk):
    request, _ = desk.file()
    staff = desk.county.town_a.editor
    handling.accept(request, staff)
    handling.add_note(request, "联系了供电所", staff)
    handling.decline(request, "该路段由高速公路公司管理，请拨打其服务电话。", staff)
    events = list(request.events.order_by("at", "pk"))
    assert [e.action for e in events] == ["submitted", "accepted", "note", "declined"]
    assert events[1].actor == staff and events[1].from_status == "submitted" and events[1].to_status == "accepted"
    assert not events[2].is_public


def test_every_step_dates_its_change_and_its_timeline_entry_with_the_given_now(desk):
    request, _ = desk.file(request_type=RequestType.HELP, now=FRIDAY)
    staff, county_staff = desk.county.town_a.editor, desk.county.county.head
    handling.transfer(
        request, desk.schools.unit, "属于入学问题", staff, category=desk.schools, now=at(2026, 11, 27, 11)
    )
    handling.accept(request, staff, now=at(2026, 11, 30, 9))
    handling.add_note(request, "联系了学校", staff, now=at(2026, 11, 30, 10))
    handling.ask_for_information(request, "孩子在哪个年级？", staff, now=at(2026, 11, 30, 11))
    handling.add_information(request, "三年级。", now=at(2026, 12, 1, 9))
    extension = handling.request_extension(request, 3, "需要和学校核实", staff, now=at(2026, 12, 1, 10))
    handling.decide_extension(extension, True, county_staff, now=at(2026, 12, 1, 11))
    handling.answer(request, "已协调学校安排。", staff, now=at(2026, 12, 2, 9))
    handling.rate(request, "satisfied", "", now=at(2026, 12, 2, 10))

    timeline = [(event.action, event.at) for event in request.events.order_by("pk")]
    assert timeline == [
        ("submitted", FRIDAY),
        ("transferred", at(2026, 11, 27, 11)),
        ("accepted", at(2026, 11, 30, 9)),
        ("note", at(2026, 11, 30, 10)),
        ("asked_info", at(2026, 11, 30, 11)),
        ("info_added", at(2026, 12, 1, 9)),
        ("extension_requested", at(2026, 12, 1, 10)),
        ("extension_approved", at(2026, 12, 1, 11)),
        ("answered", at(2026, 12, 2, 9)),
        ("rated", at(2026, 12, 2, 10)),
    ]
    request.refresh_from_db()
    extension.refresh_from_db()
    assert request.transferred_at == at(2026, 11, 27, 11) and request.accepted_at == at(2026, 11, 30, 9)
    assert request.answered_at == at(2026, 12, 2, 9) and request.rated_at == at(2026, 12, 2, 10)
    assert extension.requested_at == at(2026, 12, 1, 10) and extension.decided_at == at(2026, 12, 1, 11)


def test_declining_refusing_an_extension_and_merging_are_dated_with_the_given_now(desk):
    staff, county_staff = desk.county.town_a.editor, desk.county.county.head
    declined, _ = desk.file(now=FRIDAY)
    handling.decline(declined, "不属于本县管辖。", staff, now=at(2026, 11, 27, 14))
    refused, _ = desk.file(key="refused", now=FRIDAY)
    handling.accept(refused, staff, now=at(2026, 11, 27, 11))
    extension = handling.request_extension(refused, 2, "再等等", staff, now=at(2026, 11, 27, 12))
    handling.decide_extension(extension, False, county_staff, now=at(2026, 11, 27, 13))
    duplicate, _ = desk.file(key="duplicate", now=FRIDAY)
    handling.merge(duplicate, refused, staff, now=at(2026, 11, 27, 15))

    assert declined.events.get(action="declined").at == at(2026, 11, 27, 14)
    assert refused.events.get(action="extension_refused").at == at(2026, 11, 27, 13)
    assert duplicate.events.get(action="merged").at == at(2026, 11, 27, 15)


# --- A clash of tracking numbers draws a new one ----------------------------------------------------------


def clashing_number(number):
    """The first draw of the next request repeats ``number``."""
    field = ResidentRequest._meta.get_field("tracking_number")
    return mock.patch.object(field, "_get_default", lambda: number)  # what Field.get_default() calls


def test_a_tracking_number_clash_is_retried_with_a_new_number(desk):
    first, _ = desk.file()
    redraw = mock.patch.object(handling, "new_tracking_number", wraps=handling.new_tracking_number)
    with clashing_number(first.tracking_number), redraw as redrawn:
        second, password = desk.file(key="k" * 24, title="第二条")
    assert redrawn.call_count == 1  # the clash happened, and one new draw solved it
    assert password and second.tracking_number != first.tracking_number
    assert ResidentRequest.objects.count() == 2
    assert second.events.filter(action="submitted").count() == 1
    # The resent form (same key) still answers with this request, not a third.
    with clashing_number(first.tracking_number):
        again, no_password = desk.file(key="k" * 24, title="第二条")
    assert again == second and no_password is None and ResidentRequest.objects.count() == 2


def test_a_clash_inside_a_larger_transaction_rolls_back_only_its_savepoint(desk):
    from django.db import transaction

    first, _ = desk.file()
    with transaction.atomic():
        with clashing_number(first.tracking_number):
            second, _ = desk.file(title="第二条")
        assert ResidentRequest.objects.filter(pk=second.pk).exists()
    assert ResidentRequest.objects.count() == 2


def test_endless_clashes_still_fail_loudly(desk):
    first, _ = desk.file()
    with (
        clashing_number(first.tracking_number),
        mock.patch.object(handling, "new_tracking_number", lambda: first.tracking_number),
    ):
        with pytest.raises(IntegrityError):
            desk.file(title="第二条")
    assert ResidentRequest.objects.count() == 1
