"""The SMS adapters against loopback fakes that check signatures as Alibaba Cloud and Tencent Cloud document them."""

import json
import stat
from datetime import UTC, datetime

from townsquare.core.sms import aliyun, get_backend, send_sms, tencent
from townsquare.core.sms.base import SmsResult

PARAMS = {"number": "LY20261201001", "due": "2026年12月15日"}


def test_aliyun_signature_matches_the_published_example():
    # The example of Alibaba Cloud's "HTTP协议及签名" page for SendSms: its parameters give this signature.
    params = {
        "AccessKeyId": "testId",
        "Action": "SendSms",
        "Format": "XML",
        "OutId": "123",
        "PhoneNumbers": "15300000001",
        "RegionId": "cn-hangzhou",
        "SignName": "阿里云短信测试专用",
        "SignatureMethod": "HMAC-SHA1",
        "SignatureNonce": "45e25e9b-0a6f-4070-8c85-2956eda1b466",
        "SignatureVersion": "1.0",
        "TemplateCode": "SMS_71390007",
        "TemplateParam": '{"customer":"test"}',
        "Timestamp": "2017-07-12T02:42:19Z",
        "Version": "2017-05-25",
    }
    assert aliyun.signature(params, "testSecret") == "zJDF+Lrzhj/ThnlvIToysFRq6t4="


def test_aliyun_signed_query_is_pinned_for_a_fixed_nonce_and_time():
    # Computed independently with: printf "$STRING_TO_SIGN" | openssl dgst -sha1 -hmac "testsecret&" -binary | base64
    params = aliyun.signed_params(
        "13800138000",
        "SMS_154950909",
        {"number": "LY20261201001"},
        key_id="testid",
        secret="testsecret",
        sign_name="阿里云短信测试",
        region="cn-hangzhou",
        nonce="45e25e9b-0a6f-4070-8c85-2956eda1b466",
        now=datetime(2017, 7, 12, 2, 42, 19, tzinfo=UTC),
    )
    assert params["Signature"] == "gDtqtQ8gc9MC/ejQElBGei0UkRg="


def test_tencent_signature_is_pinned_for_a_fixed_body_and_time():
    # Computed independently with openssl: the key chain TC3+key → date → "sms" → "tc3_request", then the string.
    body = tencent.body("13800138000", "1234567", {"number": "LY20261201001"}, "1400006666", "腾讯云")
    signature = tencent.signature("Gu5t9xGARNpq86cd98joQYCN3EXAMPLE", "sms.tencentcloudapi.com", body, 1551113065)
    assert signature == "51ac1f02a46737890e96cc46f37bcdc969608d3b76d3b977a74f17a907065e40"


def test_aliyun_sends_and_returns_the_biz_id(aliyun_sms):
    result = send_sms("138-0013-8000", "request_accepted", PARAMS)
    assert result == SmsResult(ok=True, message_id="000001^0")


def test_aliyun_fake_receives_the_template_and_its_parameters(aliyun_sms):
    send_sms("13800138000", "request_accepted", PARAMS)
    assert aliyun_sms.sent == [
        {"phone": "13800138000", "template": "SMS_000000000", "sign": "示范县政务服务", "params": PARAMS}
    ]


def test_aliyun_refuses_a_wrong_secret(aliyun_sms, settings):
    settings.SMS_ALIYUN_ACCESS_KEY_SECRET = "not-the-secret"
    result = send_sms("13800138000", "request_accepted", PARAMS)
    assert (result.ok, result.code) == (False, "SignatureDoesNotMatch")


def test_aliyun_flow_control_is_a_failure_with_its_code(aliyun_sms):
    aliyun_sms.limited.add("13800138000")
    result = send_sms("13800138000", "request_accepted", PARAMS)
    assert (result.ok, result.code) == (False, "isv.BUSINESS_LIMIT_CONTROL")


def test_tencent_sends_and_returns_the_serial_number(tencent_sms):
    result = send_sms("13800138000", "request_accepted", PARAMS)
    assert result == SmsResult(ok=True, message_id="2433:0000000001")


def test_tencent_fake_receives_the_parameters_in_order(tencent_sms):
    send_sms("13800138000", "request_accepted", PARAMS)
    assert tencent_sms.sent[0]["params"] == ["LY20261201001", "2026年12月15日"]


def test_tencent_refuses_a_wrong_secret_key(tencent_sms, settings):
    settings.SMS_TENCENT_SECRET_KEY = "not-the-key"
    result = send_sms("13800138000", "request_accepted", PARAMS)
    assert (result.ok, result.code) == (False, "AuthFailure.SignatureFailure")


def test_tencent_daily_limit_is_a_failure_with_its_code(tencent_sms):
    tencent_sms.limited.add("13800138000")
    result = send_sms("13800138000", "request_accepted", PARAMS)
    assert (result.ok, result.code) == (False, "LimitExceeded.PhoneNumberDailyLimit")


def test_an_unreachable_provider_is_a_network_failure(aliyun_sms, settings):
    settings.SMS_ALIYUN_ENDPOINT = "http://127.0.0.1:9/"
    assert send_sms("13800138000", "request_accepted", PARAMS).code == "network"


def test_a_kind_without_a_registered_template_is_not_sent(aliyun_sms, settings):
    settings.SMS_TEMPLATES = {"aliyun": {}}
    result = send_sms("13800138000", "request_accepted", PARAMS)
    assert (result.ok, result.code, aliyun_sms.sent) == (False, "template_missing", [])


def test_console_backend_writes_the_text_to_a_private_file(settings, tmp_path):
    settings.SMS_FILE_PATH = tmp_path / "sms"
    get_backend("console").send("13800138000", "request_accepted", PARAMS)
    (path,) = (tmp_path / "sms").iterdir()
    record = json.loads(path.read_text(encoding="utf-8"))
    assert (stat.S_IMODE(path.stat().st_mode), record["text"]) == (
        0o600,
        "【示范县政务服务】您的留言（受理编号LY20261201001）已受理，答复期限2026年12月15日。可在网站“我要留言”查进度。回复TD退订",
    )
