"""我要留言, the form: Chinese field errors that keep what was typed, honeypot, rate limits, resends, outages,
stale forms, the header link that leads to it, and double submits from several connections at once."""

import copy
import re
import threading
from pathlib import Path
from unittest import mock
from urllib.parse import urlparse

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import OperationalError, connection, connections
from django.db.backends.utils import CursorWrapper
from django.test import Client, override_settings

from townsquare.core.forms import normalize_phone
from townsquare.resident_requests import handling
from townsquare.resident_requests.models import RequestEvent, RequestPhoto, ResidentRequest
from townsquare.resident_requests.routing import predictor, suggestions

from .test_public_helpers import SUBMIT_URL, done_url, jpeg_with_gps, new_key, typed

pytestmark = pytest.mark.django_db


def html(response):
    return response.content.decode()


def test_the_form_shows_types_with_their_time_limits_categories_and_the_emergency_numbers(client, desk):
    response = client.get(SUBMIT_URL)
    assert response.status_code == 200
    page = html(response)
    for text in ("咨询", "2个工作日内答复", "投诉", "15个工作日内答复", "道路照明（青禾镇办理）", "入学招生"):
        assert text in page
    for number in ("tel:110", "tel:119", "tel:120", "tel:12345"):
        assert number in page
    assert 'name="submission_key" value="' in page
    assert 'class="hp-field" aria-hidden="true"' in page and 'tabindex="-1"' in page


def test_errors_are_in_chinese_next_to_the_field_and_everything_typed_stays(client, desk):
    data = typed(desk, category="", contact_phone="12345", details="很长的内容" * 900, lat="28.1")
    response = client.post(SUBMIT_URL, data)
    assert response.status_code == 400
    page = html(response)
    assert "请选择哪方面的事。" in page
    assert "具体内容不能超过4000个字（现在有4500个字）。" in page
    assert "电话号码不对" in page
    assert "地图位置要同时填纬度和经度" in page
    assert 'id="id_contact_phone_error"' in page and 'aria-invalid="true"' in page
    # What was typed comes back.
    assert 'value="东街口路灯坏了一个星期"' in page
    assert "很长的内容很长的内容" in page
    assert 'value="李小明"' in page and 'value="12345"' in page and 'value="28.1"' in page
    assert 'value="consult" required checked' in page
    assert data["submission_key"] in page
    assert not ResidentRequest.objects.exists()


def test_a_phone_or_an_email_is_needed_and_both_are_checked(client, desk):
    response = client.post(SUBMIT_URL, typed(desk, contact_phone="", contact_email=""))
    assert "请至少留一个电话或电子邮箱" in html(response)
    response = client.post(SUBMIT_URL, typed(desk, contact_phone="", contact_email="wang@"))
    assert "邮箱地址的格式不对" in html(response)
    response = client.post(SUBMIT_URL, typed(desk, contact_phone="", contact_email="Wang@Example.com"))
    assert response.status_code == 302
    assert ResidentRequest.objects.get().contact_email == "wang@example.com"


@pytest.mark.parametrize(
    "typed_phone, stored",
    [
        ("139 0000 1111", "13900001111"),
        ("+86 139-0000-1111", "13900001111"),
        ("0731-88886666", "0731-88886666"),
        ("(010)12345678", "010-12345678"),
        ("0731 8888666 转 123", "0731-8888666转123"),
    ],
)
def test_mainland_mobiles_and_landlines_are_accepted_and_tidied(typed_phone, stored):
    assert normalize_phone(typed_phone) == stored


@pytest.mark.parametrize("typed_phone", ["12345", "1390000111", "23900001111", "0731-123", "139000011112"])
def test_other_numbers_are_refused(typed_phone):
    with pytest.raises(ValueError):
        normalize_phone(typed_phone)


def test_map_point_outside_china_is_refused_and_a_good_one_is_rounded(client, desk):
    response = client.post(SUBMIT_URL, typed(desk, lat="95", long="112.9"))
    assert "纬度要在3.5到53.6之间" in html(response)
    response = client.post(SUBMIT_URL, typed(desk, lat="28.19456012", long="112.98227949"))
    assert response.status_code == 302
    request = ResidentRequest.objects.get()
    assert str(request.lat) == "28.194560" and str(request.long) == "112.982279"


def test_a_stored_request_gets_its_unit_deadlines_and_the_success_page_shows_number_and_password(client, desk):
    response = client.post(SUBMIT_URL, typed(desk))
    request = ResidentRequest.objects.get()
    assert response.status_code == 302 and response["Location"] == done_url(request.tracking_number)
    assert request.unit == desk.roads.unit and request.channel == "web" and request.is_public
    page = html(client.get(response["Location"]))
    assert request.tracking_number in page
    password = re.search(r'<dd class="num ticket-value">(\d{6})</dd>', page).group(1)
    assert request.check_query_password(password)
    due = request.answer_due.astimezone(request.answer_due.tzinfo).strftime("%Y-%m-%d")
    assert due in page and "预计答复" in page
    assert "请抄在纸上或截图保存" in page


def test_signed_in_residents_see_it_in_their_own_list(client, desk):
    user = desk.county.town_a.editor
    client.force_login(user)
    client.post(SUBMIT_URL, typed(desk, title="我登录后留的言"))
    assert ResidentRequest.objects.get().submitted_by == user
    page = html(client.get("/liuyan/mine/"))
    assert "我登录后留的言" in page


def test_the_own_list_needs_signing_in(client):
    response = client.get("/liuyan/mine/")
    assert response.status_code == 302 and "login" in response["Location"]


def test_the_honeypot_stops_robots_and_asks_people_to_send_again(client, desk):
    response = client.post(SUBMIT_URL, typed(desk, homepage="http://spam.example"))
    assert response.status_code == 400
    assert "没有提交成功，请再点一次" in html(response)
    assert 'value="东街口路灯坏了一个星期"' in html(response)
    assert not ResidentRequest.objects.exists()


def test_the_same_form_sent_twice_makes_one_request_and_says_so(desk):
    browser = Client()
    data = typed(desk)
    first = browser.post(SUBMIT_URL, data)
    again = browser.post(SUBMIT_URL, data)
    assert ResidentRequest.objects.count() == 1
    number = ResidentRequest.objects.get().tracking_number
    assert first["Location"] == done_url(number)
    assert again["Location"] == done_url(number) + "?again=1"
    page = html(browser.get(again["Location"]))
    assert "这条留言之前已经提交成功了" in page
    assert "查询密码</dt>" in page  # the same browser that sent it first still sees its password


def test_a_resend_from_elsewhere_shows_the_request_without_its_password(desk):
    data = typed(desk)
    Client().post(SUBMIT_URL, data)
    elsewhere = Client()
    response = elsewhere.post(SUBMIT_URL, data, follow=True)
    page = html(response)
    assert ResidentRequest.objects.count() == 1
    assert ResidentRequest.objects.get().tracking_number in page
    assert "查询密码只在第一次提交成功时显示" in page and "查询密码</dt>" not in page


def test_a_double_click_still_shows_the_password_on_the_page_the_browser_keeps(desk):
    """The first answer is thrown away by the browser with any cookie it set; the second answer shows it."""
    browser = Client()
    browser.get(SUBMIT_URL)  # the cookies a browser has from the form page
    cookies_before = copy.deepcopy(browser.cookies)
    data = typed(desk)
    browser.post(SUBMIT_URL, data)
    browser.cookies = cookies_before
    page = html(browser.post(SUBMIT_URL, data, follow=True))
    assert ResidentRequest.objects.count() == 1
    assert "这条留言之前已经提交成功了" in page and "查询密码</dt>" in page


def test_the_success_page_shows_the_password_when_the_cache_is_emptied_between_post_and_get(client, desk):
    """Several server processes without a shared cache: the password must not wait in one process's memory."""
    client.get(SUBMIT_URL)
    response = client.post(SUBMIT_URL, typed(desk))
    cache.clear()
    page = html(client.get(response["Location"]))
    password = re.search(r'<dd class="num ticket-value">(\d{6})</dd>', page).group(1)
    assert ResidentRequest.objects.get().check_query_password(password)


def test_the_password_shows_even_without_opening_the_form_first(client, desk):
    response = client.post(SUBMIT_URL, typed(desk))
    cache.clear()
    assert "查询密码</dt>" in html(client.get(response["Location"]))


@override_settings(REQUEST_PASSWORD_SHOW_MINUTES=0)
def test_the_password_shows_only_for_the_configured_minutes(client, desk):
    response = client.post(SUBMIT_URL, typed(desk))
    page = html(client.get(response["Location"]))
    assert ResidentRequest.objects.get().tracking_number in page and "查询密码</dt>" not in page
    assert "resident_requests:passwords" in client.session and not client.session["resident_requests:passwords"]


def test_a_database_outage_keeps_the_form_with_everything_typed(client, desk):
    data = typed(desk, contact_email="li@example.com")
    with mock.patch(
        "townsquare.resident_requests.views.handling.submit", side_effect=OperationalError("database is locked")
    ):
        response = client.post(SUBMIT_URL, data)
    assert response.status_code == 503
    page = html(response)
    assert "系统暂时出了故障，留言没有保存" in page and "12345" in page
    for value in ("东街口路灯坏了一个星期", "李小明", "13900001111", "li@example.com", data["submission_key"]):
        assert value in page
    assert "东街口路灯坏了一个星期，晚上很黑，请尽快修。" in page
    assert not ResidentRequest.objects.exists()
    # Sent again once the database is back: stored, once.
    assert client.post(SUBMIT_URL, data).status_code == 302
    assert ResidentRequest.objects.count() == 1


def test_with_the_database_gone_entirely_the_form_comes_back_with_everything_typed(client, desk):
    client.get(SUBMIT_URL)  # the header, footer and catalogue are in the cache, as on a running site
    data = typed(desk)
    with mock.patch.object(CursorWrapper, "execute", side_effect=OperationalError("connection refused")):
        response = client.post(SUBMIT_URL, data)
    assert response.status_code == 503
    page = html(response)
    assert "系统暂时出了故障，留言没有保存" in page
    assert 'value="东街口路灯坏了一个星期"' in page and 'value="李小明"' in page and data["submission_key"] in page
    assert f'<option value="{desk.roads.pk}" selected>' in page
    assert not ResidentRequest.objects.exists()


def test_the_form_page_itself_survives_a_database_outage_with_the_last_known_categories(client, desk):
    client.get(SUBMIT_URL)  # the catalogue is remembered
    with mock.patch("townsquare.resident_requests.forms.Category.objects.filter", side_effect=OperationalError("gone")):
        response = client.get(SUBMIT_URL)
    assert response.status_code == 503
    assert "道路照明（青禾镇办理）" in html(response) and "系统暂时出了故障" in html(response)


@override_settings(REQUEST_RATE_LIMIT_PER_IP_HOUR=2)
def test_one_address_may_send_only_so_many_requests_an_hour(client, desk):
    for phone in ("13900000001", "13900000002"):
        assert client.post(SUBMIT_URL, typed(desk, contact_phone=phone)).status_code == 302
    response = client.post(SUBMIT_URL, typed(desk, contact_phone="13900000003"))
    assert response.status_code == 429
    assert "一小时内已经提交了2条留言" in html(response) and 'value="东街口路灯坏了一个星期"' in html(response)
    assert ResidentRequest.objects.count() == 2
    # Another address is not affected.
    other = client.post(SUBMIT_URL, typed(desk, contact_phone="13900000004"), REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 302


@override_settings(REQUEST_RATE_LIMIT_PER_CONTACT_DAY=1)
def test_one_phone_number_may_send_only_so_many_requests_a_day(client, desk):
    assert client.post(SUBMIT_URL, typed(desk)).status_code == 302
    response = client.post(SUBMIT_URL, typed(desk), REMOTE_ADDR="10.0.0.8")
    assert response.status_code == 429 and "同一个电话或邮箱一天最多提交1条留言" in html(response)
    assert ResidentRequest.objects.count() == 1


@override_settings(REQUEST_RATE_LIMIT_PER_IP_HOUR=1)
def test_resending_does_not_count_against_the_limit(client, desk):
    data = typed(desk)
    client.post(SUBMIT_URL, data)
    assert client.post(SUBMIT_URL, data)["Location"].endswith("?again=1")


class FakeModel:
    """Stands in for a trained routing model: ``ranked`` as in routing.model.RoutingModel."""

    def __init__(self, prediction=None, error=None):
        self.prediction, self.error = prediction, error

    def ranked(self, title, details):
        if self.error is not None:
            raise self.error
        return [self.prediction] if self.prediction else []


@pytest.fixture
def no_routing_model(settings, tmp_path):
    """No trained model on disk, and none remembered by this process."""
    settings.ROUTING_MODEL_PATH = tmp_path / "routing" / "model.joblib"
    predictor.clear_cache()
    yield
    predictor.clear_cache()


def test_a_routing_suggestion_is_stored_for_staff_without_changing_the_unit(client, desk, monkeypatch):
    monkeypatch.setattr(suggestions, "get_model", lambda: FakeModel(prediction=("教育文体", 0.93)))
    client.post(SUBMIT_URL, typed(desk, title="孩子入学问题", details="孩子入学的事。"))
    request = ResidentRequest.objects.get()
    assert request.suggested_category == desk.schools and request.suggestion_score == pytest.approx(0.93)
    assert request.category == desk.roads and request.unit == desk.roads.unit


def test_a_failing_routing_suggestion_never_loses_the_request(client, desk, monkeypatch, caplog):
    monkeypatch.setattr(suggestions, "get_model", lambda: FakeModel(error=RuntimeError("model broken")))
    response = client.post(SUBMIT_URL, typed(desk))
    assert response.status_code == 302
    request = ResidentRequest.objects.get()
    assert request.suggested_category is None and request.suggestion_score is None
    assert list(request.events.values_list("action", flat=True)) == [RequestEvent.Action.SUBMITTED]
    assert "routing suggestion failed" in caplog.text


def test_even_an_error_outside_the_suggestion_code_never_loses_the_request(client, desk, monkeypatch, caplog):
    def broken(title, details):
        raise RuntimeError("routing package broken")

    monkeypatch.setattr(suggestions, "suggest_categories", broken)
    response = client.post(SUBMIT_URL, typed(desk))
    assert response.status_code == 302
    request = ResidentRequest.objects.get()
    assert request.suggested_category is None and request.suggestion_score is None
    assert "routing suggestion failed; the request is stored without one" in caplog.text


def test_without_a_trained_model_the_category_keywords_suggest_one_without_a_score(client, desk, no_routing_model):
    # The resident chose 道路照明, but the text is about school places: 入学招生's keywords occur.
    client.post(SUBMIT_URL, typed(desk, title="孩子入学问题", details="孩子明年入学，学校名额太少。"))
    request = ResidentRequest.objects.get()
    assert request.suggested_category == desk.schools and request.suggestion_score is None
    assert request.category == desk.roads and request.unit == desk.roads.unit


def test_without_a_trained_model_and_no_keyword_nothing_is_suggested(client, desk, no_routing_model):
    client.post(SUBMIT_URL, typed(desk, title="想咨询一件事", details="请问办事大厅周六上班吗？"))
    request = ResidentRequest.objects.get()
    assert request.suggested_category is None and request.suggestion_score is None


def test_an_invalid_submission_key_still_gives_one_request(client, desk):
    response = client.post(SUBMIT_URL, typed(desk, submission_key="<script>"))
    assert response.status_code == 302
    assert ResidentRequest.objects.get().submission_key != "<script>"


def test_new_key_has_the_accepted_shape():
    from townsquare.core.forms import SUBMISSION_KEY

    assert SUBMISSION_KEY.match(new_key())


# --- A form sent after its page sat open too long --------------------------------------------------------


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


# --- The database fails while saving ---------------------------------------------------------------------


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


# --- 我要留言 within reach on every public page ------------------------------------------------------------


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


# --- Double submits on PostgreSQL ------------------------------------------------------------------------
# Real concurrency needs a server database: SQLite serialises every write, so there the test skips and says
# why. Each thread has its own connection and its own browser (client); all send the same submission key at
# the same moment (a barrier). Run it with
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/ts_requests .venv/bin/python -m pytest \
#       tests/resident_requests/test_public_form.py -m postgres

THREADS = 6  # one form sent at once, as a double click, a refresh and a resend from a second tab would


@pytest.fixture
def postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip(
            f"needs PostgreSQL for real concurrent writes; DATABASE_URL points at {connection.vendor} "
            "(run with DATABASE_URL=postgres://postgres@127.0.0.1:5432/ts_<name>)"
        )


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_same_form_sent_at_once_from_several_connections_makes_one_request(postgres_only, desk):
    data = typed(desk)
    barrier = threading.Barrier(THREADS)
    answers, failures = [None] * THREADS, []

    def send(index):
        try:
            client = Client(REMOTE_ADDR=f"127.0.0.{index + 1}")
            barrier.wait(timeout=30)
            answers[index] = client.post(SUBMIT_URL, data)
        except Exception as error:  # reported below with the thread's number
            failures.append((index, repr(error)))
        finally:
            connections.close_all()  # this thread's own connection

    threads = [threading.Thread(target=send, args=(index,)) for index in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert not failures, failures
    stored = ResidentRequest.objects.get()  # exactly one
    assert stored.submission_key == data["submission_key"]
    assert RequestEvent.objects.filter(request=stored, action=RequestEvent.Action.SUBMITTED).count() == 1
    done = f"/liuyan/done/{stored.tracking_number}/"
    for answer in answers:
        assert answer is not None and answer.status_code == 302, answer
        assert urlparse(answer["Location"]).path == done
    # One of them stored it; the others were told it was there already.
    assert sum("again=1" not in answer["Location"] for answer in answers) == 1
