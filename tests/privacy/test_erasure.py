"""A resident, with the tracking number and query password, deletes their contacts once the case is closed."""

import pytest
from django.test import Client

from townsquare.privacy.retention import ERASED_NAME
from townsquare.resident_requests import handling
from townsquare.resident_requests.models import ResidentRequest

pytestmark = pytest.mark.django_db


def signed_in(number, password):
    browser = Client()
    browser.post("/liuyan/query/", {"tracking_number": number, "password": password})
    return browser


def erase(desk, answered):
    request, password = desk.file(contact_email="li@example.com")
    if answered:
        handling.answer(request, "已修好。", desk.county.town_a.editor)
    browser = signed_in(request.tracking_number, password)
    response = browser.post(f"/liuyan/query/{request.tracking_number}/erase/", follow=True)
    return ResidentRequest.objects.get(pk=request.pk), response.content.decode()


def test_a_closed_request_loses_its_contacts_at_once(desk):
    request, _ = erase(desk, answered=True)
    assert (request.contact_name, request.contact_phone, request.contact_email) == (ERASED_NAME, "", "")


def test_the_resident_reads_a_chinese_confirmation(desk):
    _, page = erase(desk, answered=True)
    assert "您的姓名和联系方式已经删除" in page


def test_an_open_request_keeps_its_contacts(desk):
    request, _ = erase(desk, answered=False)
    assert request.contact_phone == "13900001111"


def test_an_open_request_is_refused_politely(desk):
    _, page = erase(desk, answered=False)
    assert "这条留言还在办理中" in page


def test_a_browser_without_the_password_cannot_erase(client, desk):
    request, _ = desk.file()
    handling.answer(request, "已修好。", desk.county.town_a.editor)
    client.post(f"/liuyan/query/{request.tracking_number}/erase/")
    request.refresh_from_db()
    assert request.contact_phone == "13900001111"
