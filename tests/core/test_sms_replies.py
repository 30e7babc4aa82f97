"""Residents' SMS replies: "TD" and its kin opt the number out, whichever provider pushes them."""

import logging

import pytest
from django.test import Client
from django.urls import reverse

from tests.sms_fakes import aliyun_reply_push, tencent_reply_push
from townsquare.core.models import Delivery, OptOut
from townsquare.core.notify import deliver, notify_resident, optout

pytestmark = pytest.mark.django_db
PHONE, TOKEN = "13900001111", "s3cret-reply-token"


@pytest.fixture(autouse=True)
def reply_token(settings):
    settings.SMS_REPLY_TOKEN = TOKEN


def aliyun_url(token=TOKEN):
    return reverse("notify:sms_replies_aliyun", args=[token])


def tencent_url(token=TOKEN):
    return reverse("notify:sms_replies_tencent", args=[token])


@pytest.mark.parametrize("word", ["TD", "td", " T ", "退订", "n", "ＴＤ"])
def test_an_opt_out_word_from_aliyun_opts_the_number_out(client, word):
    aliyun_reply_push(client, aliyun_url(), (PHONE, word))
    assert optout.is_opted_out("sms", PHONE)


def test_aliyun_is_answered_as_it_documents(client):
    response = aliyun_reply_push(client, aliyun_url(), (PHONE, "TD"))
    assert response.json() == {"code": 0, "msg": "成功"}


def test_every_reply_of_an_aliyun_batch_is_read(client):
    aliyun_reply_push(client, aliyun_url(), ("13900002222", "你好"), (PHONE, "退订"))
    assert OptOut.objects.get().digest == optout.digest("sms", PHONE)


def test_an_opt_out_word_from_tencent_opts_the_number_out(client):
    tencent_reply_push(client, tencent_url(), PHONE, "td")
    assert optout.is_opted_out("sms", PHONE)


def test_tencent_is_answered_as_it_documents(client):
    response = tencent_reply_push(client, tencent_url(), PHONE, "TD")
    assert response.json() == {"result": 0, "errmsg": "OK"}


def test_a_foreign_number_on_tencent_is_left_alone(client):
    tencent_reply_push(client, tencent_url(), PHONE, "TD", nationcode="852")
    assert not OptOut.objects.exists()


def test_another_reply_is_ignored(client):
    tencent_reply_push(client, tencent_url(), PHONE, "TD 我的问题还没解决")
    assert not OptOut.objects.exists()


def test_another_reply_is_logged_with_the_number_masked(client, caplog):
    with caplog.at_level(logging.INFO, logger="townsquare.core.notify.replies"):
        tencent_reply_push(client, tencent_url(), PHONE, "收到，谢谢")
    assert "139****1111" in caplog.text and PHONE not in caplog.text


def test_an_opt_out_is_logged_with_the_number_masked(client, caplog):
    with caplog.at_level(logging.INFO, logger="townsquare.core.notify.replies"):
        aliyun_reply_push(client, aliyun_url(), (PHONE, "TD"))
    assert "退订：139****1111" in caplog.text and PHONE not in caplog.text


def test_a_wrong_token_is_not_found(client):
    assert aliyun_reply_push(client, aliyun_url("guess"), (PHONE, "TD")).status_code == 404


def test_a_wrong_token_opts_nobody_out(client):
    tencent_reply_push(client, tencent_url("guess"), PHONE, "TD")
    assert not OptOut.objects.exists()


def test_no_token_set_means_no_reply_url(client, settings):
    settings.SMS_REPLY_TOKEN = ""
    assert tencent_reply_push(client, tencent_url(TOKEN), PHONE, "TD").status_code == 404


def test_a_get_is_refused(client):
    assert client.get(aliyun_url()).status_code == 405


def test_the_push_needs_no_csrf_token():
    response = tencent_reply_push(Client(enforce_csrf_checks=True), tencent_url(), PHONE, "TD")
    assert response.status_code == 200


def test_a_malformed_push_is_refused_in_the_providers_words(client):
    response = client.post(aliyun_url(), "{not json", content_type="application/json")
    assert (response.status_code, response.json()["code"]) == (400, 1)


def test_a_push_without_numbers_is_refused(client):
    response = client.post(tencent_url(), '{"text": "TD"}', content_type="application/json")
    assert response.json()["result"] == 1


def test_a_pending_message_to_a_number_that_replied_td_is_not_sent(client, county, aliyun_sms):
    (delivery,) = notify_resident("request_accepted", county.town_a.unit, reference="LY1", phone=PHONE)
    aliyun_reply_push(client, aliyun_url(), (PHONE, "TD"))
    deliver(delivery)
    assert Delivery.objects.values_list("status", "address").get() == ("skipped", "")
