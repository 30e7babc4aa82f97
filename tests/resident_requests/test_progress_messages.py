"""The resident of a 我要留言 request hears of each step once, by e-mail and SMS, with nothing personal in it."""

from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from townsquare.core.models import Delivery
from townsquare.core.notify import followup, send_due
from townsquare.resident_requests import handling, personal_data
from townsquare.resident_requests.models import ResidentRequest

from .test_public_helpers import SUBMIT_URL, typed

pytestmark = pytest.mark.django_db


@pytest.fixture
def filed(desk):
    request, _ = desk.file(contact_email="lisi@example.com", title="东街路灯不亮，我是李四13900001111")
    return request


def kinds():
    return sorted(Delivery.objects.values_list("kind", "channel"))


def test_accepting_sends_one_email_and_one_sms(filed, desk):
    handling.accept(filed, desk.county.town_a.editor)
    assert kinds() == [("request_accepted", "email"), ("request_accepted", "sms")]


def test_asking_for_more_information_tells_the_resident(filed, desk):
    handling.accept(filed, desk.county.town_a.editor)
    handling.ask_for_information(filed, "请告诉我们是哪根路灯", desk.county.town_a.editor)
    assert Delivery.objects.filter(kind="request_more_info").count() == 2


def test_an_approved_extension_tells_the_new_deadline(filed, desk):
    handling.accept(filed, desk.county.town_a.editor)
    extension = handling.request_extension(filed, 3, "要等供电所", desk.county.town_a.editor)
    handling.decide_extension(extension, True, desk.county.county.head)
    filed.refresh_from_db()
    (sms,) = Delivery.objects.filter(kind="request_deadline_moved", channel="sms")
    assert sms.params["due"] == f"{timezone.localtime(filed.answer_due):%Y年%m月%d日}"


def test_the_answer_schedules_the_followup_a_week_later(filed, desk):
    handling.answer(filed, "已经修好了，谢谢您的反映。", desk.county.town_a.editor)
    later = Delivery.objects.get(kind="followup", channel="sms")
    assert later.due_at == filed.answered_at + timedelta(days=7)


def test_the_sms_holds_the_tracking_number_and_no_personal_data(filed, desk, aliyun_sms):
    handling.accept(filed, desk.county.town_a.editor)
    send_due()
    (sent,) = aliyun_sms.sent
    values = "".join(sent["params"].values())
    assert filed.tracking_number in values and [w for w in ("李四", "路灯", "13900001111") if w in values] == []


def test_the_email_holds_no_personal_data(filed, desk, smtp_server):
    handling.answer(filed, "已经修好了，谢谢您的反映。", desk.county.town_a.editor)
    send_due()
    (message,) = smtp_server.wait_for(1)
    body = message.get_content()
    assert filed.tracking_number in body and [w for w in ("李四", "路灯", "13900001111") if w in body] == []


def test_staff_see_the_followup_answer_on_the_request_page(client, filed, desk):
    handling.answer(filed, "已经修好了，谢谢您的反映。", desk.county.town_a.editor)
    case_type = ContentType.objects.get_for_model(filed)
    followup.rate(case_type, filed.pk, "partly", "还有一盏不亮")
    client.force_login(desk.county.town_a.editor)
    page = client.get(reverse("resident_requests_detail", args=[filed.pk])).content.decode()
    assert "部分解决：还有一盏不亮" in page


def test_erasing_the_contacts_drops_the_pending_followup_address(filed, desk):
    handling.answer(filed, "已经修好了，谢谢您的反映。", desk.county.town_a.editor)
    personal_data.anonymise(filed)
    assert list(Delivery.objects.filter(kind="followup").values_list("status", "address")) == [
        ("skipped", ""),
        ("skipped", ""),
    ]


def test_ticking_no_messages_on_the_form_keeps_the_resident_uninformed(client, desk):
    client.post(SUBMIT_URL, typed(desk, contact_email="wang@example.com", no_messages="on"))
    handling.accept(ResidentRequest.objects.get(), desk.county.town_a.editor)
    assert set(Delivery.objects.values_list("status", flat=True)) == {"skipped"}
