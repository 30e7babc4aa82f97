"""core/verification: a resident proves a phone or an e-mail address with a 6-digit code."""

import re
from datetime import timedelta

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.utils import timezone

from townsquare.core import verification
from townsquare.core.models import VerificationCode

pytestmark = pytest.mark.django_db

PURPOSE = "surveys"


def make_request(ip="203.0.113.5", session=None):
    request = RequestFactory().post("/", REMOTE_ADDR=ip)
    request.session = session if session is not None else SessionStore()
    return request


def emailed_code(smtp_server, count=1):
    message = smtp_server.wait_for(count)[-1]
    return re.search(r"验证码是：(\d{6})", message.get_content()).group(1)


def test_an_emailed_code_gives_the_person_key(smtp_server):
    request = make_request()
    verification.send_code(request, " Wang@Example.com ", PURPOSE)
    key = verification.confirm_code(request, "wang@example.com", PURPOSE, emailed_code(smtp_server))
    assert key == verification.person_key("wang@example.com")


def test_the_key_is_remembered_in_the_session(smtp_server):
    request = make_request()
    verification.send_code(request, "wang@example.com", PURPOSE)
    key = verification.confirm_code(request, "wang@example.com", PURPOSE, emailed_code(smtp_server))
    assert verification.verified_person(request, PURPOSE) == key


def test_nothing_is_verified_for_another_purpose(smtp_server):
    request = make_request()
    verification.send_code(request, "wang@example.com", PURPOSE)
    verification.confirm_code(request, "wang@example.com", PURPOSE, emailed_code(smtp_server))
    assert verification.verified_person(request, "livelihood") is None


def test_a_texted_code_gives_the_key_of_the_number(aliyun_sms):
    request = make_request()
    assert verification.send_code(request, "+86 139-1234-5678", PURPOSE) == "sms"
    [sent] = aliyun_sms.sent
    key = verification.confirm_code(request, "13912345678", PURPOSE, sent["params"]["code"])
    assert key == verification.person_key("13912345678")


def test_the_text_says_how_long_the_code_works(aliyun_sms):
    verification.send_code(make_request(), "13912345678", PURPOSE)
    assert aliyun_sms.sent[0]["params"]["minutes"] == "10"


def test_neither_the_contact_nor_the_digits_are_stored(smtp_server):
    verification.send_code(make_request(), "wang@example.com", PURPOSE)
    digits = emailed_code(smtp_server)
    row = VerificationCode.objects.values().get()
    assert not any(digits in str(value) or "wang" in str(value) for value in row.values())


def test_a_wrong_code_is_refused_with_the_tries_left(smtp_server):
    request = make_request()
    verification.send_code(request, "wang@example.com", PURPOSE)
    right = emailed_code(smtp_server)
    wrong = f"{(int(right) + 1) % 1000000:06d}"
    with pytest.raises(ValidationError, match="还可以试4次"):
        verification.confirm_code(request, "wang@example.com", PURPOSE, wrong)


def test_too_many_wrong_tries_drop_the_code(smtp_server, settings):
    settings.VERIFICATION_MAX_TRIES = 2
    request = make_request()
    verification.send_code(request, "wang@example.com", PURPOSE)
    right = emailed_code(smtp_server)
    wrong = f"{(int(right) + 1) % 1000000:06d}"
    for _ in range(2):
        with pytest.raises(ValidationError):
            verification.confirm_code(request, "wang@example.com", PURPOSE, wrong)
    with pytest.raises(ValidationError, match="错误次数太多"):
        verification.confirm_code(request, "wang@example.com", PURPOSE, right)


def test_an_expired_code_is_refused(smtp_server):
    request = make_request()
    verification.send_code(request, "wang@example.com", PURPOSE)
    VerificationCode.objects.update(expires_at=timezone.now() - timedelta(seconds=1))
    with pytest.raises(ValidationError, match="已过期"):
        verification.confirm_code(request, "wang@example.com", PURPOSE, emailed_code(smtp_server))


def test_a_code_opens_once(smtp_server):
    request = make_request()
    verification.send_code(request, "wang@example.com", PURPOSE)
    digits = emailed_code(smtp_server)
    verification.confirm_code(request, "wang@example.com", PURPOSE, digits)
    with pytest.raises(ValidationError):
        verification.confirm_code(make_request(), "wang@example.com", PURPOSE, digits)


def test_a_new_code_replaces_the_earlier_one(smtp_server):
    request = make_request()
    verification.send_code(request, "wang@example.com", PURPOSE)
    first = emailed_code(smtp_server)
    verification.send_code(request, "wang@example.com", PURPOSE)
    second = emailed_code(smtp_server, 2)
    if first != second:
        with pytest.raises(ValidationError):
            verification.confirm_code(request, "wang@example.com", PURPOSE, first)
    assert verification.confirm_code(request, "wang@example.com", PURPOSE, second)


def test_codes_per_contact_are_limited(smtp_server, settings):
    settings.VERIFICATION_CODES_PER_CONTACT_HOUR = 2
    for ip in ("203.0.113.1", "203.0.113.2"):
        verification.send_code(make_request(ip), "wang@example.com", PURPOSE)
    with pytest.raises(ValidationError, match="太频繁"):
        verification.send_code(make_request("203.0.113.3"), "WANG@example.com", PURPOSE)


def test_codes_per_client_address_are_limited(smtp_server, settings):
    settings.VERIFICATION_CODES_PER_IP_HOUR = 2
    for name in ("a", "b"):
        verification.send_code(make_request(), f"{name}@example.com", PURPOSE)
    with pytest.raises(ValidationError, match="太频繁"):
        verification.send_code(make_request(), "c@example.com", PURPOSE)


def test_wrong_codes_per_client_address_are_limited(smtp_server, settings):
    settings.VERIFICATION_FAILURES_PER_IP_HOUR = 1
    request = make_request()
    verification.send_code(request, "wang@example.com", PURPOSE)
    right = emailed_code(smtp_server)
    wrong = f"{(int(right) + 1) % 1000000:06d}"
    with pytest.raises(ValidationError):
        verification.confirm_code(request, "wang@example.com", PURPOSE, wrong)
    with pytest.raises(ValidationError, match="一小时后"):
        verification.confirm_code(request, "wang@example.com", PURPOSE, right)


@pytest.mark.parametrize("contact", ["", "1391234", "010-12345678", "wang@", "not an address"])
def test_a_malformed_contact_is_refused_in_chinese(contact):
    with pytest.raises(ValidationError, match="手机号码|电子邮箱"):
        verification.send_code(make_request(), contact, PURPOSE)


def test_a_code_that_cannot_be_sent_is_said_and_dropped(smtp_server):
    smtp_server.reject_next(1)
    with pytest.raises(ValidationError, match="没有发出去"):
        verification.send_code(make_request(), "wang@example.com", PURPOSE)
    assert not VerificationCode.objects.exists()


def test_a_malformed_code_is_refused_before_any_lookup():
    with pytest.raises(ValidationError, match="6位数字"):
        verification.confirm_code(make_request(), "wang@example.com", PURPOSE, "12ab")


def test_the_form_sends_a_code_when_asked(smtp_server):
    request = RequestFactory().post("/", {"contact": "wang@example.com", "verify": "send"})
    request.session = SessionStore()
    form = verification.VerificationForm(request.POST)
    assert verification.process(request, form, PURPOSE) == "sent"


def test_the_form_asks_for_the_code_in_chinese():
    request = RequestFactory().post("/", {"contact": "wang@example.com"})
    request.session = SessionStore()
    form = verification.VerificationForm(request.POST)
    assert verification.process(request, form, PURPOSE) is None
    assert "获取验证码" in form.errors["code"][0]
