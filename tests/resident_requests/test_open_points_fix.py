"""The open points of 我要留言: public numbers in masked text, paused clocks, reminders per deadline,
tracking-number clashes, the query-password hash, private photos, CSRF failures, outages while saving
and the header link. (Double submits on PostgreSQL: test_double_submit_fix.py.)"""

import re
from datetime import datetime, timedelta
from pathlib import Path
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.core import mail
from django.db import IntegrityError, OperationalError
from django.test import Client, override_settings

from townsquare.core.privacy import contact_keys, mask_text
from townsquare.resident_requests import deadlines, handling, inbox, public, public_numbers, reminders
from townsquare.resident_requests.models import (
    RequestPhoto,
    ResidentRequest,
    StaffNotice,
    Status,
    check_query_password,
    hash_query_password,
)

from .test_public_helpers import SUBMIT_URL, detail_url, jpeg_with_gps, typed

SHANGHAI = ZoneInfo("Asia/Shanghai")
pytestmark = pytest.mark.django_db


def at(*args):
    return datetime(*args, tzinfo=SHANGHAI)


FRIDAY = at(2026, 11, 27, 10, 0)  # a 咨询 filed now is due Tuesday 12-01 17:30
MONDAY = at(2026, 11, 30, 10, 0)
TUESDAY = at(2026, 12, 1, 10, 0)
WEDNESDAY = at(2026, 12, 2, 9, 0)
THURSDAY = at(2026, 12, 3, 10, 0)
NEXT_MONDAY = at(2026, 12, 7, 10, 0)


def html(response):
    return response.content.decode()


@pytest.fixture(autouse=True)
def _fresh_public_numbers():
    public_numbers.forget()
    yield
    public_numbers.forget()


# --- 1. public service numbers stay visible, residents' numbers do not -------------------------------------


def test_mask_text_keeps_numbers_on_the_allow_list_only():
    keep = contact_keys("0731-84561234，12345") | {"office@town.gov.cn"}
    text = "请拨打镇政府0731-84561234或12345，邮箱office@town.gov.cn；留言人0731-87654321、13912345678、li@example.com"
    masked = mask_text(text, keep=keep)
    assert "0731-84561234" in masked and "12345，" in masked and "office@town.gov.cn" in masked
    assert "87654321" not in masked and "13912345678" not in masked and "li@example.com" not in masked
    assert "0731-****4321" in masked and "139****5678" in masked
    # Written differently, the unit's number is still recognised (same digits).
    assert mask_text("电话 073184561234", keep=keep) == "电话 073184561234"


def test_a_units_own_number_in_a_reply_stays_visible_on_public_pages(client, desk):
    unit = desk.county.town_a.unit
    unit.phone = "0731-84561234，0731-84560000"
    unit.save()
    request, _ = desk.file(details="我的电话0731-87654321，手机13912345678。")
    handling.accept(request, desk.county.town_a.editor)
    handling.answer(
        request,
        "已派人维修。有问题请拨打青禾镇政府0731-84561234或0731-84560000，也可拨12345；已回电0731-87654321。",
        desk.county.town_a.editor,
    )
    page = html(client.get(f"/liuyan/public/{request.tracking_number}/"))
    assert "0731-84561234" in page and "0731-84560000" in page and "12345" in page
    assert "87654321" not in page and "13912345678" not in page
    assert "0731-****4321" in page and "139****5678" in page


@override_settings(REQUEST_PUBLIC_NUMBERS=["12345", "0731-88886666"])
def test_numbers_from_the_setting_stay_visible(desk):
    request, _ = desk.file()
    request.reply = "请拨打县信访局0731-88886666。留言人电话0731-88887777。"
    shown = public.Shown(request)
    assert "0731-88886666" in shown.reply and "88887777" not in shown.reply


def test_a_changed_unit_number_is_picked_up_at_once(desk):
    unit = desk.county.town_b.unit
    assert "0731-23456789" not in mask_text("请拨0731-23456789")
    unit.phone = "0731-23456789"
    unit.save()
    assert "0731-23456789" in mask_text("请拨0731-23456789")


def test_the_allow_list_is_read_once_not_per_text(desk, django_assert_num_queries):
    with django_assert_num_queries(1):
        for _ in range(50):
            mask_text("请拨打0731-84561234，我的手机13912345678")
    public_numbers.forget_memo()  # another process: the shared cache has it
    with django_assert_num_queries(0):
        mask_text("13912345678")


def test_the_public_list_costs_the_same_queries_with_many_answers(client, desk, django_assert_max_num_queries):
    def answered(n):
        request, _ = desk.file(title=f"第{n}条")
        handling.accept(request, desk.county.town_a.editor)
        handling.answer(request, "请拨打0000-1234567咨询。", desk.county.town_a.editor)

    answered(0)
    client.get("/liuyan/public/")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get("/liuyan/public/")
    for n in range(1, 8):
        answered(n)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = html(client.get("/liuyan/public/"))
    assert "0000-1234567" in page


# --- 2. a paused clock is neither due soon nor overdue ------------------------------------------------------


def test_a_paused_request_is_not_due_soon_nor_overdue(desk):
    editor = desk.county.town_a.editor
    running, _ = desk.file(now=FRIDAY)
    paused, _ = desk.file(now=FRIDAY)
    handling.accept(paused, editor, now=FRIDAY)
    handling.ask_for_information(paused, "哪个路口？", editor, now=FRIDAY + timedelta(hours=1))
    for moment in (MONDAY, WEDNESDAY):
        for request in (running, paused):
            request.refresh_from_db()
            in_due_soon = ResidentRequest.objects.filter(inbox.due_soon_q(moment), pk=request.pk).exists()
            in_overdue = ResidentRequest.objects.filter(inbox.overdue_q(moment), pk=request.pk).exists()
            assert deadlines.is_due_soon(request, moment) == in_due_soon
            assert deadlines.is_overdue(request, moment) == in_overdue
    assert deadlines.is_due_soon(running, MONDAY) and not deadlines.is_due_soon(paused, MONDAY)
    assert deadlines.is_overdue(running, WEDNESDAY) and not deadlines.is_overdue(paused, WEDNESDAY)
    assert inbox.due_label(paused, MONDAY).text == "暂停计时，等留言人补充"


# --- 3. reminders again for a new deadline, never twice for the same ------------------------------------------


def notices(request, kind):
    return StaffNotice.objects.filter(request=request, kind=kind, for_county=False)


def test_a_reopened_request_is_reminded_again_for_its_new_deadline(desk):
    editor = desk.county.town_a.editor
    request, _ = desk.file(now=FRIDAY)
    with time_machine.travel(MONDAY, tick=False):
        assert reminders.send_reminders().due_soon == 1
    handling.answer(request, "已修好。", editor, now=MONDAY + timedelta(hours=1))
    handling.rate(request, "unsatisfied", "没修好", now=MONDAY + timedelta(hours=2))
    request.refresh_from_db()
    assert request.status == Status.ACCEPTED and request.answer_due == at(2026, 12, 2, 17, 30)
    mail.outbox.clear()
    with time_machine.travel(TUESDAY, tick=False):
        outcome = reminders.send_reminders()
        again = reminders.send_reminders()
    assert outcome.due_soon == 1 and len(mail.outbox) == 4 and again.due_soon == 0
    assert "2026-12-02 17:30" in mail.outbox[0].body
    due_soon = notices(request, StaffNotice.Kind.DUE_SOON).order_by("created_at")
    assert [n.deadline for n in due_soon] == [at(2026, 12, 1, 17, 30), at(2026, 12, 2, 17, 30)]
    # The notice about the old deadline is done with; the new one waits to be read.
    assert [n.read_at is None for n in due_soon] == [False, True]


def test_an_extension_after_a_breach_brings_reminders_for_the_new_deadline(desk):
    editor, county_head = desk.county.town_a.editor, desk.county.county.head
    request, _ = desk.file(now=FRIDAY)
    handling.accept(request, editor, now=FRIDAY)
    with time_machine.travel(WEDNESDAY, tick=False):
        assert reminders.send_reminders().overdue == 1
        extension = handling.request_extension(request, 3, "需要现场勘查", editor)
        handling.decide_extension(extension, True, county_head, now=WEDNESDAY)
    request.refresh_from_db()
    assert request.answer_due == at(2026, 12, 4, 17, 30)
    with time_machine.travel(THURSDAY, tick=False):
        assert reminders.send_reminders().due_soon == 1
    with time_machine.travel(NEXT_MONDAY, tick=False):
        assert reminders.send_reminders().overdue == 1
        assert reminders.send_reminders().overdue == 0
    assert notices(request, StaffNotice.Kind.OVERDUE).count() == 2
    assert StaffNotice.objects.filter(request=request, kind=StaffNotice.Kind.OVERDUE, for_county=True).count() == 2


def test_the_same_deadline_is_never_noticed_twice_by_the_database(desk):
    request, _ = desk.file(now=FRIDAY)
    fields = {"request": request, "kind": StaffNotice.Kind.DUE_SOON, "for_county": False}
    StaffNotice.objects.create(**fields, deadline=request.answer_due)
    StaffNotice.objects.create(**fields, deadline=request.answer_due + timedelta(days=1))
    with pytest.raises(IntegrityError):
        StaffNotice.objects.create(**fields, deadline=request.answer_due)


# --- 4. a clash of tracking numbers draws a new one ------------------------------------------------------------


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


# --- 5. the query password: a keyed hash, old PBKDF2 hashes still work --------------------------------------------


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


# --- 6. photos: private storage, served after an access check, never public -------------------------------------


def submit_with_photo(client, desk, **overrides):
    response = client.post(SUBMIT_URL, {**typed(desk, **overrides), "photos": [jpeg_with_gps()]})
    assert response.status_code == 302, html(response)
    request = ResidentRequest.objects.get(title=overrides.get("title", "东街口路灯坏了一个星期"))
    return request, request.photos.get()


def photo_url(request, photo):
    return f"/liuyan/photo/{request.tracking_number}/{photo.pk}/"


def test_photos_are_stored_outside_media_and_have_no_public_address(client, desk, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    request, photo = submit_with_photo(client, desk)
    stored = Path(photo.image.path)
    assert stored.is_file() and stored.is_relative_to(tmp_path / "private")
    assert not (tmp_path / "media").exists() or not any((tmp_path / "media").rglob("*.jpg"))
    with pytest.raises(ValueError):
        photo.image.url  # noqa: B018 - no template can link around the check


def test_the_sender_and_staff_in_charge_see_a_photo_nobody_else(client, desk):
    request, photo = submit_with_photo(client, desk, is_public="yes")
    handling.accept(request, desk.county.town_a.editor)
    url = photo_url(request, photo)

    mine = client.get(url)  # the browser that sent it
    assert mine.status_code == 200 and mine["Content-Type"] == "image/jpeg"
    assert b"".join(mine.streaming_content).startswith(b"\xff\xd8")
    assert "private" in mine["Cache-Control"]
    assert f'src="{url}"' in html(client.get(detail_url(request.tracking_number)))

    assert Client().get(url).status_code == 404  # the public, even for a public request
    assert "/liuyan/photo/" not in html(Client().get(f"/liuyan/public/{request.tracking_number}/"))
    for user, expected in (
        (desk.county.town_a.editor, 200),  # the unit in charge
        (desk.county.county.head, 200),  # the county
        (desk.county.town_b.editor, 404),  # another town
    ):
        staff = Client()
        staff.force_login(user)
        assert staff.get(url).status_code == expected, user
    other = Client()
    other.post("/liuyan/query/", {"tracking_number": request.tracking_number, "password": "000000"})
    assert other.get(url).status_code == 404
    # A photo number that belongs to another request does not open with this tracking number.
    second, _ = desk.file()
    assert client.get(f"/liuyan/photo/{second.tracking_number}/{photo.pk}/").status_code == 404


def test_the_admin_links_photos_through_the_checked_view(client, desk):
    request, photo = submit_with_photo(client, desk)
    staff = Client()
    staff.force_login(desk.county.town_a.editor)
    page = html(staff.get(f"/admin/liuyan/{request.pk}/"))
    assert f'src="{photo_url(request, photo)}"' in page and "/media/" not in page


# --- 7. a form sent after its page sat open too long -------------------------------------------------------------


def test_a_stale_form_comes_back_with_everything_typed_and_a_fresh_token(desk):
    browser = Client(enforce_csrf_checks=True)
    browser.get(SUBMIT_URL)
    data = {**typed(desk, contact_email="li@example.com"), "csrfmiddlewaretoken": "x" * 64}
    response = browser.post(SUBMIT_URL, {**data, "photos": [jpeg_with_gps()]})
    assert response.status_code == 403
    page = html(response)
    assert "页面停留时间过长，请再点一次提交" in page
    for value in ("东街口路灯坏了一个星期", "李小明", "13900001111", "li@example.com", data["submission_key"]):
        assert value in page
    assert "照片没能保留下来" in page  # browsers never keep chosen files; the page says so
    assert not ResidentRequest.objects.exists()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    again = browser.post(SUBMIT_URL, {**data, "csrfmiddlewaretoken": token})
    assert again.status_code == 302 and ResidentRequest.objects.count() == 1


def test_a_cleared_cookie_also_keeps_what_was_typed(desk):
    browser = Client(enforce_csrf_checks=True)
    page = html(browser.get(SUBMIT_URL))
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    browser.cookies.clear()
    data = {**typed(desk), "csrfmiddlewaretoken": token}
    response = browser.post(SUBMIT_URL, data)
    assert response.status_code == 403 and "页面停留时间过长" in html(response)
    assert 'value="东街口路灯坏了一个星期"' in html(response)
    fresh = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html(response)).group(1)
    assert browser.post(SUBMIT_URL, {**data, "csrfmiddlewaretoken": fresh}).status_code == 302


def test_elsewhere_a_stale_form_gets_a_chinese_page_in_the_sites_style(desk):
    browser = Client(enforce_csrf_checks=True)
    response = browser.post("/liuyan/query/", {"tracking_number": "20261127123456", "password": "123456"})
    assert response.status_code == 403
    page = html(response)
    assert "页面停留时间过长" in page and 'class="site-header"' in page and "Forbidden" not in page


# --- 8. the database fails while saving -------------------------------------------------------------------------------


def test_a_failure_in_the_middle_of_saving_leaves_nothing_behind(client, desk, settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    data = typed(desk, contact_email="li@example.com")
    with mock.patch.object(handling, "_record", side_effect=OperationalError("server closed the connection")):
        response = client.post(SUBMIT_URL, {**data, "photos": [jpeg_with_gps()]})
    assert response.status_code == 503
    page = html(response)
    assert "系统暂时出了故障，留言没有保存" in page and "您填的内容都还在" in page
    for value in ("东街口路灯坏了一个星期", "李小明", "13900001111", "li@example.com", data["submission_key"]):
        assert value in page
    # One transaction: neither the request nor its photo row, and no orphaned photo file.
    assert not ResidentRequest.objects.exists() and not RequestPhoto.objects.exists()
    assert not list((tmp_path / "private").rglob("*.jpg"))


# --- 10. 我要留言 within reach on every public page ---------------------------------------------------------------


@pytest.mark.parametrize(
    "path", ["/", "/liuyan/public/", "/liuyan/query/", "/no-such-page/", "/life/ask/", "/liuyan/stats/"]
)
def test_every_public_page_has_the_ask_link_in_its_header(client, county, path):
    page = html(client.get(path))
    header = page.split('<header class="site-header">', 1)[1].split("</header>", 1)[0]
    assert re.search(r'<a class="ask-link" href="/liuyan/">.*我要留言</a>', header)


def test_the_ask_link_is_not_hidden_on_small_screens():
    css = (Path(settings.BASE_DIR) / "townsquare/core/static/core/site.css").read_text()
    hidden = re.findall(r"([^{}]*ask-link[^{}]*)\{([^}]*)\}", css)
    assert not [rule for rule in hidden if "display: none" in rule[1] or "display:none" in rule[1]]
