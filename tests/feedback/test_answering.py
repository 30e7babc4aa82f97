"""Answering 有/没有 and adding 缺少什么, with and without JavaScript; nothing personal is kept."""

import pytest
from django.urls import reverse

from townsquare.feedback import answering
from townsquare.feedback.models import PageAnswer

pytestmark = pytest.mark.django_db

FETCH = {"HTTP_X_REQUESTED_WITH": "fetch"}


def _answer(client, helpful, path="/qinghe/", **extra):
    return client.post(reverse("feedback:answer"), {"path": path, "helpful": helpful}, **extra)


def test_yes_is_stored_for_the_page(client, county):
    _answer(client, "yes")
    assert PageAnswer.objects.get().helpful is True


def test_an_answer_belongs_to_the_unit_whose_home_holds_the_page(client, county):
    _answer(client, "yes", path="/qinghe/xinwen/")
    assert PageAnswer.objects.get().unit == county.town_a.unit


def test_an_answer_outside_every_unit_home_is_the_county_s(client, county):
    _answer(client, "yes", path="/liuyan/")
    assert PageAnswer.objects.get().unit == county.county.unit


def test_without_javascript_yes_goes_back_to_the_page_with_a_thank_you(client, county):
    response = _answer(client, "yes")
    assert response["Location"] == "/qinghe/?fankui=1#page-feedback"


def test_without_javascript_no_goes_on_to_ask_what_was_missing(client, county):
    response = _answer(client, "no")
    assert response["Location"].startswith("/fankui/queshao/")


def test_with_javascript_no_answers_where_to_send_what_was_missing(client, county):
    body = _answer(client, "no", **FETCH).json()
    assert body["missing_url"].startswith("/fankui/queshao/")


def test_a_double_click_records_one_answer(client, county):
    _answer(client, "no", **FETCH)
    _answer(client, "no", **FETCH)
    assert PageAnswer.objects.count() == 1


def test_answers_beyond_the_hourly_limit_are_refused(client, county, settings):
    settings.FEEDBACK_ANSWERS_PER_HOUR = 2
    for n in range(2):
        _answer(client, "yes", path=f"/page-{n}/")
    assert _answer(client, "yes", path="/page-3/").status_code == 429


def test_an_address_of_another_site_is_refused(client, county):
    assert _answer(client, "yes", path="//evil.example/").status_code == 400


def test_a_robot_filling_the_honeypot_is_thanked_and_not_counted(client, county):
    client.post(reverse("feedback:answer"), {"path": "/qinghe/", "helpful": "yes", "homepage": "http://x"})
    assert not PageAnswer.objects.exists()


def test_what_was_missing_is_kept_with_phone_numbers_masked(client, county):
    url = _answer(client, "no", **FETCH).json()["missing_url"]
    client.post(url, {"missing": "办理时间没写，我的电话13812345678"})
    assert "13812345678" not in PageAnswer.objects.get().missing


def test_what_was_missing_is_kept(client, county):
    url = _answer(client, "no")["Location"]
    client.post(url, {"missing": "没写要带什么材料"})
    assert PageAnswer.objects.get().missing == "没写要带什么材料"


def test_after_what_was_missing_the_page_thanks(client, county):
    url = _answer(client, "no")["Location"]
    assert client.post(url, {"missing": "没写地址"})["Location"] == "/qinghe/?fankui=1#page-feedback"


def test_too_long_a_text_is_shown_again_with_a_chinese_error(client, county, settings):
    settings.FEEDBACK_MISSING_MAX_CHARS = 10
    url = _answer(client, "no")["Location"]
    html = client.post(url, {"missing": "太长了" * 5}).content.decode()
    assert "最多写10个字" in html and "太长了太长了太长了太长了太长了" in html


def test_what_was_missing_is_taken_once(client, county):
    url = _answer(client, "no")["Location"]
    client.post(url, {"missing": "第一次"})
    client.post(url, {"missing": "第二次"})
    assert PageAnswer.objects.get().missing == "第一次"


def test_a_forged_link_finds_no_answer(county):
    assert answering.answer_for_ref("not-a-ref") is None


def test_the_missing_page_is_not_cached(client, county):
    url = _answer(client, "no")["Location"]
    client.get(url)
    assert "X-Page-Cache" not in client.get(url)


def test_the_missing_page_needs_few_queries(client, county, django_assert_max_num_queries):
    url = _answer(client, "no")["Location"]
    with django_assert_max_num_queries(8):
        assert client.get(url).status_code == 200
