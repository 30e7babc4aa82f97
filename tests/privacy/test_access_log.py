"""Staff reading a resident's contacts is logged; county staff (supervisors) search the log, unit staff cannot."""

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.listings import factories as listing_factories
from townsquare.appointments import booking as booking_rules
from townsquare.listings.models import Source, Status
from townsquare.privacy.models import PersonalDataAccess

pytestmark = pytest.mark.django_db
LOG_URL = "/admin/yinsi/access-log/"


def test_a_staff_view_of_a_request_writes_one_access_log_row(client, desk):
    request, _ = desk.file()
    editor = desk.county.town_a.editor
    client.force_login(editor)
    assert client.get(reverse("resident_requests_detail", args=[request.pk])).status_code == 200
    rows = list(PersonalDataAccess.objects.values_list("user", "object_id", "case"))
    assert rows == [(editor.pk, str(request.pk), request.tracking_number)]


@pytest.fixture
def logged(desk):
    request, _ = desk.file()
    other, _ = desk.file(title="另一件事")
    PersonalDataAccess.record(desk.county.town_a.editor, request, request.tracking_number, "姓名、手机号")
    PersonalDataAccess.record(desk.county.town_a.head, other, other.tracking_number, "姓名、手机号")
    return request, other


def test_a_supervisor_finds_the_views_of_one_case(client, desk, logged):
    request, other = logged
    client.force_login(desk.county.county.reviewer)
    page = client.get(LOG_URL, {"case": request.tracking_number}).content.decode()
    assert request.tracking_number in page and other.tracking_number not in page


def test_a_supervisor_finds_the_views_of_one_user_in_a_date_range(client, desk, logged):
    request, other = logged
    client.force_login(desk.county.county.reviewer)
    today = timezone.localdate(PersonalDataAccess.objects.first().at).isoformat()  # the county's day, not UTC's
    response = client.get(LOG_URL, {"user": desk.county.town_a.head.username, "start": today, "end": today})
    page = response.content.decode()
    assert other.tracking_number in page and request.tracking_number not in page


def test_a_reversed_date_range_gets_a_chinese_message(client, desk, logged):
    client.force_login(desk.county.county.reviewer)
    response = client.get(LOG_URL, {"start": "2026-12-02", "end": "2026-12-01"})
    assert "开始日期不能晚于结束日期" in response.content.decode()


def test_unit_staff_cannot_search_the_log(client, desk, logged):
    client.force_login(desk.county.town_a.head)
    response = client.get(LOG_URL)  # Wagtail turns the refusal into a redirect to the dashboard
    assert (response.status_code, response.url) == (302, "/admin/")


def test_a_staff_view_of_a_windows_day_logs_each_booking_shown(client, town_a, slot):
    first = booking_rules.book(slot, "张三丰", "13812345678")
    second = booking_rules.book(slot, "李四", "13800000002")
    client.force_login(town_a.editor)
    client.get(reverse("appointments_day"), {"window": slot.service.window.pk, "day": slot.day.isoformat()})
    cases = sorted(PersonalDataAccess.objects.values_list("case", flat=True))
    assert cases == sorted([first.code, second.code])


def test_the_moderation_queue_logs_each_listing_shown(client, county):
    pending = listing_factories.job(source=Source.PUBLIC, status=Status.PENDING)
    client.force_login(county.county.reviewer)
    client.get(reverse("listings_moderation"))
    assert list(PersonalDataAccess.objects.values_list("case", flat=True)) == [pending.reference]
