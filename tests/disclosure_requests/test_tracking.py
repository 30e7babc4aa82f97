"""Looking an application up with its number and password: progress, 补正 online, the 告知书."""

import pytest

from townsquare.disclosure_requests import handling
from townsquare.disclosure_requests.models import Application, Status

from .factories import application_fields

pytestmark = pytest.mark.django_db
QUERY_URL = "/gongkai/shenqing/chaxun/"


@pytest.fixture
def filed(town_a):
    return handling.submit(application_fields(town_a.unit, email="wang@example.com"))


def test_the_right_password_opens_the_progress_page(client, filed):
    application, password = filed
    response = client.post(QUERY_URL, {"tracking_number": application.tracking_number, "password": password})
    assert response.url == f"{QUERY_URL}{application.tracking_number}/"


def test_a_wrong_password_opens_nothing(client, filed):
    application, password = filed
    wrong = f"{(int(password) + 1) % 10**6:06d}"
    response = client.post(QUERY_URL, {"tracking_number": application.tracking_number, "password": wrong})
    assert response.status_code == 400


def test_the_progress_page_needs_the_password_first(client, filed):
    application, _ = filed
    response = client.get(f"{QUERY_URL}{application.tracking_number}/")
    assert response.status_code == 302 and "number=" in response.url


def _open(client, filed):
    application, password = filed
    client.post(QUERY_URL, {"tracking_number": application.tracking_number, "password": password})
    return application


def test_the_applicant_sends_the_correction_online_and_the_clock_restarts(client, filed):
    application = _open(client, filed)
    handling.ask_correction(application, "请写明工程的名称或合同编号。")
    client.post(f"{QUERY_URL}{application.tracking_number}/buzheng/", {"answer": "工程合同编号QH-2025-017。"})
    application.refresh_from_db()
    assert application.status == Status.RECEIVED and application.correction_answered_at is not None


def test_the_applicant_downloads_the_decision_notice(client, filed):
    application = _open(client, filed)
    handling.decide(application, "1", "您申请的验收报告见附件。", "《中华人民共和国政府信息公开条例》第三十六条第一项")
    notice = application.notices.get()
    response = client.get(f"{QUERY_URL}{application.tracking_number}/gaozhishu/{notice.pk}/")
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


def test_a_stranger_cannot_download_a_notice(client, filed):
    application, _ = filed
    handling.decide(application, "4.1", "本机关不掌握该信息。")
    notice = application.notices.get()
    response = client.get(f"{QUERY_URL}{application.tracking_number}/gaozhishu/{notice.pk}/")
    assert response.status_code == 404


def test_the_decision_notice_is_mailed_when_an_address_was_given(filed, mailoutbox, django_capture_on_commit_callbacks):
    application, _ = filed
    with django_capture_on_commit_callbacks(execute=True):
        handling.decide(application, "3.4", "涉及第三方商业秘密，不予公开。", "条例第十五条")
    assert mailoutbox[0].attachments[0][2] == "application/pdf"


def test_the_progress_page_shows_no_id_number(client, filed):
    application = _open(client, filed)
    response = client.get(f"{QUERY_URL}{application.tracking_number}/")
    assert application.id_number not in response.content.decode()


def test_a_decision_needs_a_category(filed):
    application, _ = filed
    with pytest.raises(handling.HandlingError):
        handling.decide(application, "3", "理由")


def test_decided_applications_record_whether_on_time(filed):
    application, _ = filed
    handling.decide(application, "2", "部分信息涉及个人隐私，已作区分处理。")
    assert Application.objects.get().decided_on_time is True
