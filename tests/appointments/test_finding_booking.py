"""预约 is easy to find: a tile on the home page, a link and 预约 buttons on /banshi/, 我的预约 on the
appointments pages; 忘了预约码 gives the window's phone. Query counts stay bounded."""

from datetime import date, time

import pytest
from django.test import Client
from django.urls import reverse

from .conftest import make_guide, make_service, make_window, slot_at
from .test_public import booked

pytestmark = pytest.mark.django_db


def other_window(town_b):
    """A second bookable window, in town B, with its own phone."""
    window = make_window(town_b.unit, name="社保窗口")
    window.phone = "0000-1112223"
    window.save()
    make_service(make_guide(town_b, title="社保卡"), window)
    return window


def test_the_home_page_links_to_booking(client, county):
    assert f'href="{reverse("appointments:index")}"' in client.get("/").content.decode()


def test_the_service_finder_links_to_booking(client, county):
    html = client.get(reverse("services:index")).content.decode()
    assert f'href="{reverse("appointments:index")}"' in html


def test_a_bookable_guide_shows_a_booking_button_in_the_finder(client, service):
    html = client.get(reverse("services:index")).content.decode()
    assert f'href="{reverse("appointments:book", args=[service.pk])}"' in html


def test_a_guide_that_cannot_be_booked_shows_no_booking_button(client, service, town_a):
    make_guide(town_a, title="结婚登记")
    html = client.get(reverse("services:index"), {"q": "结婚登记"}).content.decode()
    assert "预约办理<span" not in html


def test_the_finder_reads_booking_buttons_in_bounded_queries(client, service, town_a, django_assert_max_num_queries):
    for n in range(6):
        make_service(make_guide(town_a, title=f"事项{n}"), service.window)
    with django_assert_max_num_queries(14):
        assert client.get(reverse("services:index")).status_code == 200


def test_the_appointments_pages_link_to_my_bookings(client, service):
    html = client.get(reverse("appointments:book", args=[service.pk])).content.decode()
    assert f'href="{reverse("appointments:mine")}"' in html


def test_the_appointments_index_links_to_my_bookings(client, service):
    html = client.get(reverse("appointments:index")).content.decode()
    assert f'href="{reverse("appointments:mine")}"' in html


def test_my_bookings_lists_the_bookings_this_browser_made(client, service, slot):
    own = booked(client, slot)
    html = client.get(reverse("appointments:mine")).content.decode()
    assert reverse("appointments:booking", args=[own.code]) in html


def test_my_bookings_does_not_list_bookings_of_other_browsers(client, service, slot):
    other = booked(Client(), slot)
    booked(client, slot_at(service, date(2026, 12, 3), time(10)), submission_key="y" * 24, phone="13900001111")
    html = client.get(reverse("appointments:mine")).content.decode()
    assert other.code not in html


def test_my_bookings_without_any_leads_to_the_lookup(client, service):
    response = client.get(reverse("appointments:mine"))
    assert response.status_code == 302 and response["Location"] == reverse("appointments:lookup")


def test_my_bookings_reads_in_bounded_queries(client, service, django_assert_max_num_queries):
    for n, day in enumerate((2, 3, 4, 7, 8)):
        booked(client, slot_at(service, date(2026, 12, day), time(10)), submission_key=f"{n}" * 24)
    with django_assert_max_num_queries(5):
        assert client.get(reverse("appointments:mine")).status_code == 200


def test_my_bookings_is_not_stored(client, service, slot):
    booked(client, slot)
    assert "no-store" in client.get(reverse("appointments:mine")).get("Cache-Control", "")


def test_a_forgotten_code_names_the_services_window_phone(client, service, town_b):
    other_window(town_b)
    html = client.get(reverse("appointments:lookup"), {"service": service.pk}).content.decode()
    assert 'href="tel:00007654321"' in html and "tel:00001112223" not in html


def test_a_forgotten_code_lists_every_windows_phone_when_the_service_is_unknown(client, service, town_b):
    other_window(town_b)
    html = client.get(reverse("appointments:lookup")).content.decode()
    assert 'href="tel:00007654321"' in html and 'href="tel:00001112223"' in html


def test_the_booking_page_looks_up_with_its_service(client, service):
    html = client.get(reverse("appointments:book", args=[service.pk])).content.decode()
    assert f"{reverse('appointments:lookup')}?service={service.pk}" in html


def test_the_lookup_page_reads_in_bounded_queries(client, service, town_b, django_assert_max_num_queries):
    for n in range(4):
        window = make_window(town_b.unit, name=f"窗口{n}")
        make_service(make_guide(town_b, title=f"事项{n}"), window)
    with django_assert_max_num_queries(4):
        assert client.get(reverse("appointments:lookup")).status_code == 200
