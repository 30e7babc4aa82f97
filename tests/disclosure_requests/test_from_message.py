"""转为依申请公开: a 我要留言 request becomes an application in one click."""

import pytest
from django.urls import reverse

from townsquare.disclosure_requests.models import Application, Channel
from townsquare.resident_requests import handling as request_handling
from townsquare.resident_requests.models import Category, RequestType, Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def message(town_a):
    category = Category.objects.create(code="roads", name="道路", unit=town_a.unit)
    request, password = request_handling.submit(
        {
            "request_type": RequestType.CONSULT,
            "category": category,
            "title": "想要青禾镇2025年道路工程验收报告",
            "details": "请提供东街道路硬化工程的验收报告。",
            "contact_name": "李四",
            "contact_phone": "13900001111",
            "contact_email": "lisi@example.com",
        }
    )
    return request, password


def test_the_button_is_offered_on_the_request_page(client, town_a, message):
    client.force_login(town_a.editor)
    response = client.get(reverse("resident_requests_detail", args=[message[0].pk]))
    assert "转为依申请公开" in response.content.decode()


def test_one_click_creates_the_application_with_text_and_contacts(client, town_a, message):
    client.force_login(town_a.editor)
    client.post(reverse("disclosure_from_message", args=[message[0].pk]))
    application = Application.objects.get()
    assert (application.channel, application.phone, application.from_message) == (
        Channel.FROM_MESSAGE,
        "13900001111",
        message[0],
    ) and "验收报告" in application.description


def test_the_request_is_answered_with_the_application_number(client, town_a, message):
    client.force_login(town_a.editor)
    client.post(reverse("disclosure_from_message", args=[message[0].pk]))
    request = message[0]
    request.refresh_from_db()
    assert request.status == Status.ANSWERED and Application.objects.get().tracking_number in request.reply


def test_the_resident_queries_the_application_with_the_requests_password(client, town_a, message):
    request, password = message
    client.force_login(town_a.editor)
    client.post(reverse("disclosure_from_message", args=[request.pk]))
    client.logout()
    number = Application.objects.get().tracking_number
    response = client.post("/gongkai/shenqing/chaxun/", {"tracking_number": number, "password": password})
    assert response.status_code == 302 and response.url.endswith(f"{number}/")


def test_a_second_click_makes_no_second_application(client, town_a, message):
    client.force_login(town_a.editor)
    client.post(reverse("disclosure_from_message", args=[message[0].pk]))
    client.post(reverse("disclosure_from_message", args=[message[0].pk]))
    assert Application.objects.count() == 1


def test_another_units_staff_cannot_transfer(client, town_b, message):
    client.force_login(town_b.editor)
    client.post(reverse("disclosure_from_message", args=[message[0].pk]))
    assert not Application.objects.exists()
