"""The applicant for 依申请公开 hears of each step once, by e-mail and SMS (the 告知书 still come by e-mail)."""

from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from townsquare.core.models import Delivery
from townsquare.core.notify import followup, send_due, texts
from townsquare.disclosure_requests import handling

from .factories import make_application

pytestmark = pytest.mark.django_db


@pytest.fixture
def application(town_a):
    return make_application(town_a.unit, email="wang@example.com")


def count(kind):
    return Delivery.objects.filter(kind=kind).count()


def test_a_received_application_is_acknowledged_by_email_and_sms(application):
    assert count("application_accepted") == 2


def test_a_correction_request_tells_the_applicant(application):
    handling.ask_correction(application, "请写明需要的文件名称。")
    assert count("application_correction") == 2


def test_the_received_correction_tells_the_new_deadline(application):
    handling.ask_correction(application, "请写明需要的文件名称。")
    handling.receive_correction(application, "要2025年招标文件。")
    assert count("application_deadline_moved") == 2


def test_an_extension_tells_the_new_deadline(application, town_a):
    handling.extend(application, 20, "涉及多个部门的档案，需要调取核对。", town_a.head)
    assert count("application_deadline_moved") == 2


def test_the_decision_tells_the_applicant_and_schedules_the_followup(application):
    handling.decide(application, "1", "予以公开。")
    later = Delivery.objects.get(kind="followup", channel="email")
    assert (count("application_decided"), later.due_at) == (2, application.decided_at + timedelta(days=7))


def test_the_followup_email_calls_the_number_an_application_number(application):
    handling.decide(application, "1", "予以公开。")
    later = Delivery.objects.get(kind="followup", channel="email")
    _subject, body = texts.email("followup", later.params, "", "")
    assert f"申请编号：{application.tracking_number}" in body


def test_the_sms_names_neither_the_applicant_nor_the_request(application, tencent_sms):
    send_due()
    (sent,) = tencent_sms.sent
    text = "".join(sent["params"])
    assert application.tracking_number in text and [w for w in ("王小明", "招标", "13900001111") if w in text] == []


def test_staff_see_the_followup_answer_on_the_application_page(client, application, town_a):
    handling.decide(application, "1", "予以公开。")
    followup.rate(ContentType.objects.get_for_model(application), application.pk, "solved")
    client.force_login(town_a.editor)
    page = client.get(reverse("disclosure_detail", args=[application.pk])).content.decode()
    assert "回访（问题解决了吗）</dt><dd>已解决" in page
