"""Staff in the Wagtail admin: the day's list per window, check-in and no-show, settings scoped to the unit."""

from datetime import date, datetime, time

import pytest
from django.urls import reverse

from townsquare.appointments import booking as booking_rules
from townsquare.appointments.models import BookableService, Booking, DayException, Slot, Window

from ..helpers import login
from .conftest import SHANGHAI, at, make_guide, make_service, make_window, slot_at

pytestmark = pytest.mark.django_db
DAY = date(2026, 12, 2)


@pytest.fixture
def bookings(service):
    slot = slot_at(service, DAY, time(9))
    return (
        booking_rules.book(slot, "张三丰", "13812345678"),
        booking_rules.book(slot, "李四", "13812345679"),
    )


def refused(response):
    """Wagtail answers a PermissionDenied in its admin with a redirect to the dashboard and a message."""
    return response.status_code == 403 or (response.status_code == 302 and response["Location"] == "/admin/")


def day_url(window, day=DAY):
    return f"{reverse('appointments_day')}?window={window.pk}&day={day.isoformat()}"


def test_the_units_staff_see_their_windows_day_with_full_contacts(
    client, town_a, window, bookings, django_assert_max_num_queries
):
    login(client, town_a.editor)
    with django_assert_max_num_queries(30):
        response = client.get(day_url(window))
    html = response.content.decode()
    assert response.status_code == 200
    assert "张三丰" in html and "13812345678" in html and bookings[0].display_code in html
    assert "共 2 人预约" in html


def test_other_units_see_neither_the_list_nor_the_window(client, town_b, window, bookings):
    login(client, town_b.editor)
    other = make_window(town_b.unit, "石桥窗口")
    html = client.get(day_url(window)).content.decode()
    assert "张三丰" not in html and "石桥窗口" in html  # falls back to their own window
    with at(datetime(2026, 12, 2, 9, 5, tzinfo=SHANGHAI)):
        response = client.post(reverse("appointments_mark", args=[bookings[0].pk, "checkin"]))
    assert refused(response)
    assert Booking.objects.get(pk=bookings[0].pk).status == Booking.Status.BOOKED
    assert other.pk


def test_county_staff_see_every_window(client, county, window, bookings):
    login(client, county.county.editor)
    html = client.get(day_url(window)).content.decode()
    assert "张三丰" in html


def test_check_in_and_no_show_from_the_list(client, town_a, window, bookings):
    login(client, town_a.reviewer)
    present, absent = bookings
    with at(datetime(2026, 12, 2, 9, 5, tzinfo=SHANGHAI)):
        response = client.post(reverse("appointments_mark", args=[present.pk, "checkin"]))
        assert response.status_code == 302
        client.post(reverse("appointments_mark", args=[absent.pk, "noshow"]))
        assert client.post(reverse("appointments_mark", args=[absent.pk, "dance"])).status_code == 404
        html = client.get(day_url(window)).content.decode()
    assert Booking.objects.get(pk=present.pk).status == Booking.Status.CHECKED_IN
    assert Booking.objects.get(pk=absent.pk).status == Booking.Status.NO_SHOW
    assert "已签到 1，未到场 1" in html


def test_no_show_before_the_start_is_refused_with_a_message(client, town_a, window, bookings):
    login(client, town_a.reviewer)
    with at(datetime(2026, 12, 2, 8, 30, tzinfo=SHANGHAI)):
        response = client.post(reverse("appointments_mark", args=[bookings[0].pk, "noshow"]), follow=True)
    assert "预约时间还没到" in response.content.decode()
    assert Booking.objects.get(pk=bookings[0].pk).status == Booking.Status.BOOKED


def test_anonymous_and_unitless_users_are_kept_out(client, window, bookings):
    from tests.factories import UserFactory

    response = client.get(day_url(window))
    assert response.status_code == 302 and "login" in response["Location"]
    stranger = UserFactory(username="no_unit", is_staff=True)
    from django.contrib.auth.models import Permission

    stranger.user_permissions.add(Permission.objects.get(codename="access_admin"))
    login(client, stranger)
    assert refused(client.get(day_url(window)))


def test_settings_are_scoped_to_the_unit(client, town_a, town_b, service):
    other = make_service(make_guide(town_b, "石桥的事项"), make_window(town_b.unit, "石桥窗口"))
    login(client, town_a.editor)
    listing = client.get(reverse("wagtailsnippets_appointments_bookableservice:list")).content.decode()
    assert "居民身份证换领" in listing and "石桥的事项" not in listing
    assert refused(client.get(reverse("wagtailsnippets_appointments_bookableservice:edit", args=[other.pk])))
    windows = client.get(reverse("wagtailsnippets_appointments_window:list")).content.decode()
    assert "户籍窗口" in windows and "石桥窗口" not in windows


def test_staff_edit_a_schedule_and_add_a_closed_day(client, town_a, service, bookings):
    login(client, town_a.head)
    url = reverse("wagtailsnippets_appointments_bookableservice:edit", args=[service.pk])
    data = {
        "guide": service.guide_id,
        "window": service.window_id,
        "weekdays": "12345",
        "hours": "9:00-11:00",
        "slot_minutes": "30",
        "capacity": "4",
        "open_on_makeup_days": "on",
        "days_ahead": "14",
        "max_per_phone_per_day": "1",
        "notes": "",
        "active": "on",
    }
    bad = client.post(url, {**data, "hours": "早上九点"})
    assert bad.status_code == 200 and "看不懂" in bad.content.decode()
    with at(datetime(2026, 12, 1, 8, tzinfo=SHANGHAI)):
        response = client.post(url, data)
        assert response.status_code == 302, response.content.decode()[:3000]
        service.refresh_from_db()
        assert service.capacity == 4
        assert Slot.objects.get(service=service, day=DAY, start=time(9)).booked == 2
        assert not Slot.objects.filter(service=service, day=DAY, start=time(14)).exists()
        add = reverse("wagtailsnippets_appointments_dayexception:add")
        bad = client.post(add, {"service": service.pk, "day": "2026-12-03", "hours": "", "capacity": ""})
        assert bad.status_code == 200 and "请勾选“当天不开放”" in bad.content.decode()
        client.post(add, {"service": service.pk, "day": "2026-12-03", "closed": "on", "note": "停电"})
    assert DayException.objects.filter(service=service, day=date(2026, 12, 3), closed=True).exists()
    assert not Slot.objects.filter(service=service, day=date(2026, 12, 3)).exists()
    assert BookableService.objects.count() == 1 and Window.objects.count() == 1
