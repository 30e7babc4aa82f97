"""Following one's request: number and password, the timeline, adding information, rating the answer."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.test import Client, override_settings
from django.utils import timezone

from townsquare.core.tracking import check_query_password, hash_query_password
from townsquare.resident_requests import handling
from townsquare.resident_requests.models import RequestType, ResidentRequest, Status

from .test_public_helpers import detail_url

pytestmark = pytest.mark.django_db
QUERY_URL = "/liuyan/query/"
SHANGHAI = ZoneInfo("Asia/Shanghai")
FRIDAY = datetime(2026, 11, 27, 10, 0, tzinfo=SHANGHAI)


def html(response):
    return response.content.decode()


def signed_in(number, password):
    """A fresh browser that has looked the request up."""
    browser = Client()
    response = browser.post(QUERY_URL, {"tracking_number": number, "password": password})
    assert response.status_code == 302 and response["Location"] == detail_url(number), html(response)
    return browser


def test_a_wrong_password_shows_nothing(client, desk):
    request, password = desk.file()
    wrong = "000000" if password != "000000" else "111111"
    response = client.post(QUERY_URL, {"tracking_number": request.tracking_number, "password": wrong})
    assert response.status_code == 400
    assert "受理编号或查询密码不对" in html(response)
    assert client.get(detail_url(request.tracking_number))["Location"].startswith(QUERY_URL)


def test_an_unknown_number_gets_the_same_answer_as_a_wrong_password(client, desk):
    response = client.post(QUERY_URL, {"tracking_number": "20260101000000", "password": "123456"})
    assert response.status_code == 400 and "受理编号或查询密码不对" in html(response)


def test_badly_typed_numbers_get_field_errors(client):
    response = client.post(QUERY_URL, {"tracking_number": "abc", "password": "12"})
    page = html(response)
    assert "受理编号是一串数字" in page and "查询密码是6位数字" in page and 'value="abc"' in page


def test_the_right_password_shows_status_timeline_unit_and_due_date(desk):
    request, password = desk.file(now=FRIDAY)
    handling.accept(request, desk.county.town_a.editor, now=FRIDAY)
    handling.add_note(request, "内部：路灯归城管还是镇里？", desk.county.town_a.editor)
    page = html(signed_in(request.tracking_number, password).get(detail_url(request.tracking_number)))
    assert "办理中" in page and desk.roads.unit.name in page
    assert "2026-12-01 17:30" in page  # the answer is due at the end of the second working day
    assert "提交留言" in page and "受理" in page and "2026-11-27 10:00" in page
    assert "内部：路灯归城管还是镇里？" not in page  # internal notes stay internal
    assert request.details in page and request.contact_phone in page  # their own page shows what they sent


def test_access_is_remembered_for_that_request_only(desk):
    first, password = desk.file()
    second, _ = desk.file(title="另一件事")
    browser = signed_in(first.tracking_number, password)
    assert browser.get(detail_url(first.tracking_number)).status_code == 200
    assert browser.get(detail_url(second.tracking_number)).status_code == 302


@override_settings(REQUEST_QUERY_FAILURES_PER_NUMBER_HOUR=3)
def test_guessing_a_password_is_stopped(client, desk):
    request, password = desk.file()
    wrong = "000000" if password != "000000" else "111111"
    for _ in range(3):
        client.post(QUERY_URL, {"tracking_number": request.tracking_number, "password": wrong})
    response = client.post(QUERY_URL, {"tracking_number": request.tracking_number, "password": password})
    assert response.status_code == 429 and "输错的次数太多了" in html(response)
    # Other requests can still be looked up from elsewhere.
    other, other_password = desk.file(title="另一件事")
    signed_in(other.tracking_number, other_password)


def _locked_out(client, request, password, limit=3):
    wrong = "000000" if password != "000000" else "111111"
    for _ in range(limit):
        client.post(QUERY_URL, {"tracking_number": request.tracking_number, "password": wrong})


@override_settings(REQUEST_QUERY_FAILURES_PER_NUMBER_HOUR=3)
def test_after_the_limit_the_phones_last_four_digits_unlock_the_request(client, desk):
    request, password = desk.file()
    _locked_out(client, request, password)
    digits = request.contact_phone[-4:]
    response = Client().post(
        QUERY_URL, {"tracking_number": request.tracking_number, "password": password, "phone_last4": digits}
    )
    assert response.status_code == 302 and response["Location"] == detail_url(request.tracking_number)


@override_settings(REQUEST_QUERY_FAILURES_PER_NUMBER_HOUR=3)
def test_after_the_limit_wrong_digits_are_refused(client, desk):
    request, password = desk.file()
    _locked_out(client, request, password)
    wrong = "0000" if not request.contact_phone.endswith("0000") else "1111"
    response = client.post(
        QUERY_URL, {"tracking_number": request.tracking_number, "password": password, "phone_last4": wrong}
    )
    assert response.status_code == 429


@override_settings(REQUEST_QUERY_FAILURES_PER_NUMBER_HOUR=3)
def test_after_the_limit_the_page_asks_for_the_digits(client, desk):
    request, password = desk.file()
    _locked_out(client, request, password)
    response = client.post(QUERY_URL, {"tracking_number": request.tracking_number, "password": password})
    assert 'name="phone_last4"' in html(response)


@override_settings(REQUEST_QUERY_FAILURES_PER_IP_HOUR=2, REQUEST_QUERY_FAILURES_PER_NUMBER_HOUR=100)
def test_guessing_many_numbers_from_one_address_is_stopped(client, desk):
    request, password = desk.file()
    for number in ("20260101000001", "20260101000002"):
        client.post(QUERY_URL, {"tracking_number": number, "password": "123456"})
    response = client.post(QUERY_URL, {"tracking_number": request.tracking_number, "password": password})
    assert response.status_code == 429


def test_waiting_for_the_resident_pauses_the_date_and_they_can_add_information(desk):
    request, password = desk.file(request_type=RequestType.SUGGEST)
    staff = desk.county.town_a.editor
    handling.accept(request, staff)
    handling.ask_for_information(request, "请说明是哪一个路口。", staff)
    browser = signed_in(request.tracking_number, password)
    page = html(browser.get(detail_url(request.tracking_number)))
    assert "暂停计时：等您补充" in page and "请说明是哪一个路口。" in page
    empty = browser.post(f"/liuyan/query/{request.tracking_number}/add/", {"text": "  "})
    assert empty.status_code == 400 and "请写下要补充的内容。" in html(empty)
    response = browser.post(f"/liuyan/query/{request.tracking_number}/add/", {"text": "东街和人民路交叉口。"})
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == Status.ACCEPTED
    page = html(browser.get(response["Location"]))
    assert "补充的内容已经收到" in page and "东街和人民路交叉口。" in page and "居民补充了情况" in page


def test_rating_unsatisfied_reopens_once_then_only_records(desk):
    request, password = desk.file()
    staff = desk.county.town_a.editor
    handling.answer(request, "已经修好了。", staff)
    browser = signed_in(request.tracking_number, password)
    rate_url = f"/liuyan/query/{request.tracking_number}/rate/"
    page = html(browser.get(detail_url(request.tracking_number)))
    assert "已经修好了。" in page and "您对答复满意吗" in page and "会请青禾镇重新办理一次" in page

    missing = browser.post(rate_url, {"comment": "还是不亮"})
    assert missing.status_code == 400 and "请选择满意、基本满意或不满意。" in html(missing)
    assert "还是不亮" in html(missing)

    response = browser.post(rate_url, {"rating": "unsatisfied", "comment": "还是不亮"})
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == Status.ACCEPTED and request.reopened_count == 1
    page = html(browser.get(response["Location"]))
    assert "已退回原单位重新办理" in page and "居民评价：不满意" in page and "居民不满意，青禾镇重新办理" in page
    assert "您对答复满意吗" not in page

    handling.answer(request, "换了新灯泡。", staff)
    page = html(browser.get(detail_url(request.tracking_number)))
    assert "已经重新办理过一次" in page
    browser.post(rate_url, {"rating": "unsatisfied", "comment": "还是不满意"})
    request.refresh_from_db()
    assert request.status == Status.ANSWERED and request.rating == "unsatisfied"
    # Rated: the form is gone, a second rating is refused.
    assert "您对答复满意吗" not in html(browser.get(detail_url(request.tracking_number)))
    again = browser.post(rate_url, {"rating": "satisfied"}, follow=True)
    assert "这次答复已经评价过了" in html(again)
    request.refresh_from_db()
    assert request.rating == "unsatisfied"


def test_rating_needs_access(client, desk):
    request, _ = desk.file()
    handling.answer(request, "已经修好了。", desk.county.town_a.editor)
    response = client.post(f"/liuyan/query/{request.tracking_number}/rate/", {"rating": "satisfied"})
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.rating == ""


def test_the_submitter_with_an_account_sees_the_page_without_the_password(client, desk):
    user = desk.county.town_a.editor
    request, _ = desk.file()
    ResidentRequest.objects.filter(pk=request.pk).update(submitted_by=user)
    client.force_login(user)
    assert client.get(detail_url(request.tracking_number)).status_code == 200


def test_a_merged_request_points_to_the_main_case(desk):
    main, _ = desk.file(title="东街路灯不亮")
    duplicate, password = desk.file(title="东街路灯坏了", contact_name="王大明")
    staff = desk.county.town_a.editor
    handling.accept(main, staff)
    handling.merge(duplicate, main, staff)
    handling.answer(main, "李四您好，已修好。", staff)
    page = html(signed_in(duplicate.tracking_number, password).get(detail_url(duplicate.tracking_number)))
    assert main.tracking_number in page and "已答复" in page
    assert "李*您好，已修好。" in page and "李四" not in page.split("您的留言")[0]


def test_the_success_page_needs_access_too(client, desk):
    request, _ = desk.file()
    response = client.get(f"/liuyan/done/{request.tracking_number}/")
    assert response.status_code == 302 and response["Location"].startswith(QUERY_URL)


def test_dates_are_local_time(desk):
    request, password = desk.file(now=FRIDAY)
    page = html(signed_in(request.tracking_number, password).get(detail_url(request.tracking_number)))
    assert timezone.localtime(request.received_at).strftime("%Y-%m-%d %H:%M") in page


# --- The query password: a keyed hash, old PBKDF2 hashes still work ----------------------------------------


def test_query_passwords_are_keyed_salted_hashes():
    stored = hash_query_password("123456")
    scheme, salt, digest = stored.split("$")
    assert scheme == "hmac_sha256" and len(salt) == 16 and len(digest) == 64
    assert "123456" not in stored and hash_query_password("123456") != stored  # salted
    assert check_query_password("123456", stored)
    assert not check_query_password("123457", stored) and not check_query_password("", stored)
    assert not check_query_password("123456", "") and not check_query_password("123456", "hmac_sha256$x")


def test_without_the_secret_key_a_hash_cannot_be_checked():
    stored = hash_query_password("123456")
    with override_settings(SECRET_KEY="another-key-" * 5, SECRET_KEY_FALLBACKS=[]):
        assert not check_query_password("123456", stored)
    with override_settings(SECRET_KEY="another-key-" * 5, SECRET_KEY_FALLBACKS=[settings.SECRET_KEY]):
        assert check_query_password("123456", stored)  # a rotated key keeps earlier hashes valid


@override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.PBKDF2PasswordHasher"])  # as in production
def test_earlier_pbkdf2_hashes_still_open_the_request(client, desk):
    request, _ = desk.file()
    old = PBKDF2PasswordHasher()
    request.query_password_hash = old.encode("654321", old.salt(), iterations=1000)
    request.save(update_fields=["query_password_hash"])
    response = client.post("/liuyan/query/", {"tracking_number": request.tracking_number, "password": "654321"})
    assert response.status_code == 302 and response["Location"] == detail_url(request.tracking_number)


def test_a_new_request_stores_the_keyed_hash(desk):
    request, password = desk.file()
    assert request.query_password_hash.startswith("hmac_sha256$") and request.check_query_password(password)


# --- What stays behind in the browser and its session -------------------------------------------------------


def _submitted(client, desk):
    from .test_public_helpers import SUBMIT_URL, typed

    response = client.post(SUBMIT_URL, typed(desk))
    assert response.status_code == 302, html(response)
    return response["Location"]


def test_the_password_leaves_the_session_once_shown(client, desk):
    client.get(_submitted(client, desk))
    assert not client.session.get("resident_requests:passwords")


def test_the_success_page_is_not_stored_by_caches(client, desk):
    assert "no-store" in client.get(_submitted(client, desk))["Cache-Control"]


def test_the_request_page_is_not_stored_by_caches(desk):
    request, password = desk.file()
    response = signed_in(request.tracking_number, password).get(detail_url(request.tracking_number))
    assert "no-store" in response["Cache-Control"]


def test_the_query_result_is_not_stored_by_caches(client, desk):
    request, password = desk.file()
    response = client.post(QUERY_URL, {"tracking_number": request.tracking_number, "password": password})
    assert "no-store" in response["Cache-Control"]


def test_my_requests_are_not_stored_by_caches(client, desk):
    client.force_login(desk.county.town_a.editor)
    assert "no-store" in client.get("/liuyan/mine/")["Cache-Control"]
