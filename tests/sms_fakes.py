"""Loopback fakes of the two SMS providers, checking signatures the way each one documents them.

The signing is written here again, separately from townsquare/core/sms, from the providers' pages:
Alibaba Cloud "签名机制" (RPC, signature version 1.0) and Tencent Cloud "签名方法 v3" (TC3-HMAC-SHA256).
Fixtures ``aliyun_sms`` and ``tencent_sms`` start one, point the settings at it and register a
template for every message kind; ``.sent`` lists what was accepted, ``.refused`` the error codes given.
"""

import base64
import hashlib
import hmac
import json
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, quote_plus, urlsplit

import pytest

from townsquare.core.sms.texts import TEXTS

ALIYUN_KEY_ID, ALIYUN_SECRET = "LTAI5tFakeKeyId0001", "FakeAliyunSecret0123456789abcd"
TENCENT_ID, TENCENT_KEY, TENCENT_APP = "AKIDFakeSecretId000000001", "FakeTencentSecretKey000001", "1400000001"


class _Fake:
    def __init__(self):
        self.sent, self.refused = [], []
        self.limited = set()  # numbers the provider refuses with its flow-control error
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                fake.handle(self, "GET")

            def do_POST(self):
                fake.handle(self, "POST")

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.server.shutdown()
        self.server.server_close()

    def answer(self, handler, status, payload):
        data = json.dumps(payload, ensure_ascii=False).encode()
        handler.send_response(status)
        handler.send_header("Content-Type", "application/json;charset=utf-8")
        handler.send_header("Content-Length", str(len(data)))
        handler.end_headers()
        handler.wfile.write(data)


# --- Alibaba Cloud ------------------------------------------------------------------------------------


def aliyun_encode(value):
    """URL-encode as application/x-www-form-urlencoded, then + → %20, * → %2A, %7E → ~ (the documented rule)."""
    return quote_plus(value, encoding="utf-8").replace("+", "%20").replace("*", "%2A").replace("%7E", "~")


def aliyun_signature(method, params, secret):
    query = "&".join(aliyun_encode(k) + "=" + aliyun_encode(v) for k, v in sorted(params.items()) if k != "Signature")
    to_sign = method + "&" + aliyun_encode("/") + "&" + aliyun_encode(query)
    return base64.b64encode(hmac.new((secret + "&").encode(), to_sign.encode(), hashlib.sha1).digest()).decode()


class FakeAliyun(_Fake):
    secrets = {ALIYUN_KEY_ID: ALIYUN_SECRET}

    def __init__(self):
        super().__init__()
        self.nonces = set()

    def handle(self, handler, method):
        params = dict(parse_qsl(urlsplit(handler.path).query, keep_blank_values=True))
        request_id = str(uuid.uuid4()).upper()

        def refuse(status, code, message):
            self.refused.append(code)
            self.answer(handler, status, {"RequestId": request_id, "Code": code, "Message": message})

        secret = self.secrets.get(params.get("AccessKeyId"))
        if secret is None:
            return refuse(404, "InvalidAccessKeyId.NotFound", "Specified access key is not found.")
        for name in ("Action", "Format", "PhoneNumbers", "RegionId", "SignName", "SignatureMethod", "SignatureNonce"):
            if not params.get(name):
                return refuse(400, "MissingParameter", f"{name} is mandatory for this action.")
        if params.get("SignatureMethod") != "HMAC-SHA1" or params.get("SignatureVersion") != "1.0":
            return refuse(400, "InvalidParameter", "SignatureMethod/SignatureVersion")
        if aliyun_signature(method, params, secret) != params.get("Signature"):
            return refuse(400, "SignatureDoesNotMatch", "Specified signature is not matched with our calculation.")
        if params["SignatureNonce"] in self.nonces:
            return refuse(400, "SignatureNonceUsed", "Specified signature nonce was used already.")
        self.nonces.add(params["SignatureNonce"])
        if params["Action"] != "SendSms" or params.get("Version") != "2017-05-25":
            return refuse(400, "InvalidAction.NotFound", "Specified api is not found.")
        if params["PhoneNumbers"] in self.limited:
            return refuse(200, "isv.BUSINESS_LIMIT_CONTROL", "触发分钟级流控Permits:1")
        self.sent.append(
            {
                "phone": params["PhoneNumbers"],
                "template": params["TemplateCode"],
                "sign": params["SignName"],
                "params": json.loads(params.get("TemplateParam") or "{}"),
            }
        )
        biz_id = f"{len(self.sent):06d}^0"
        self.answer(handler, 200, {"RequestId": request_id, "Message": "OK", "BizId": biz_id, "Code": "OK"})


# --- Tencent Cloud ------------------------------------------------------------------------------------


def tc3_signature(secret_key, date, string_to_sign):
    def sign(key, message):
        return hmac.new(key, message.encode("utf-8"), hashlib.sha256).digest()

    secret_date = sign(("TC3" + secret_key).encode("utf-8"), date)
    secret_service = sign(secret_date, "sms")
    secret_signing = sign(secret_service, "tc3_request")
    return hmac.new(secret_signing, string_to_sign.encode("utf-8"), hashlib.sha256).hexdigest()


def tc3_string_to_sign(method, signed_headers, header_values, payload, timestamp, date):
    canonical_headers = "".join(f"{name}:{header_values[name].strip().lower()}\n" for name in signed_headers)
    canonical_request = "\n".join(
        [method, "/", "", canonical_headers, ";".join(signed_headers), hashlib.sha256(payload).hexdigest()]
    )
    hashed = hashlib.sha256(canonical_request.encode("utf-8")).hexdigest()
    return "\n".join(["TC3-HMAC-SHA256", str(timestamp), f"{date}/sms/tc3_request", hashed])


class FakeTencent(_Fake):
    secrets = {TENCENT_ID: TENCENT_KEY}

    def handle(self, handler, method):
        payload = handler.rfile.read(int(handler.headers.get("Content-Length") or 0))
        request_id = str(uuid.uuid4())

        def refuse(code, message):
            self.refused.append(code)
            error = {"Error": {"Code": code, "Message": message}, "RequestId": request_id}
            self.answer(handler, 200, {"Response": error})

        authorization = handler.headers.get("Authorization", "")
        algorithm, _, rest = authorization.partition(" ")
        parts = dict(part.strip().split("=", 1) for part in rest.split(",") if "=" in part)
        credential = parts.get("Credential", "").split("/")
        if algorithm != "TC3-HMAC-SHA256" or len(credential) != 4 or credential[2:] != ["sms", "tc3_request"]:
            return refuse("AuthFailure.SignatureFailure", "The provided credentials could not be validated.")
        secret = self.secrets.get(credential[0])
        if secret is None:
            return refuse("AuthFailure.SecretIdNotFound", "The SecretId is not found.")
        signed_headers = parts.get("SignedHeaders", "").split(";")
        values = {name.lower(): value for name, value in handler.headers.items()}
        if "content-type" not in signed_headers or "host" not in signed_headers:
            return refuse("AuthFailure.SignatureFailure", "content-type and host must be signed.")
        timestamp = handler.headers.get("X-TC-Timestamp", "")
        string_to_sign = tc3_string_to_sign(method, signed_headers, values, payload, timestamp, credential[1])
        if tc3_signature(secret, credential[1], string_to_sign) != parts.get("Signature"):
            return refuse("AuthFailure.SignatureFailure", "The provided credentials could not be validated.")
        if handler.headers.get("X-TC-Action") != "SendSms" or handler.headers.get("X-TC-Version") != "2021-01-11":
            return refuse("InvalidAction", "The action requested does not exist.")
        body = json.loads(payload)
        number = body["PhoneNumberSet"][0]
        if body.get("SmsSdkAppId") != TENCENT_APP:
            return refuse("FailedOperation.SmsSdkAppIdVerifyFail", "SmsSdkAppId verify fail.")
        if number.removeprefix("+86") in self.limited:
            status = {"SerialNo": "", "PhoneNumber": number, "Fee": 0, "SessionContext": "", "IsoCode": "CN"}
            status |= {"Code": "LimitExceeded.PhoneNumberDailyLimit", "Message": "单个手机号日下发短信条数超过上限"}
            self.refused.append(status["Code"])
            return self.answer(handler, 200, {"Response": {"SendStatusSet": [status], "RequestId": request_id}})
        self.sent.append(
            {
                "phone": number,
                "template": body["TemplateId"],
                "sign": body["SignName"],
                "params": body["TemplateParamSet"],
            }
        )
        status = {"SerialNo": f"2433:{len(self.sent):010d}", "PhoneNumber": number, "Fee": 1, "SessionContext": ""}
        status |= {"Code": "Ok", "Message": "send success", "IsoCode": "CN"}
        self.answer(handler, 200, {"Response": {"SendStatusSet": [status], "RequestId": request_id}})


@pytest.fixture
def aliyun_sms(settings):
    fake = FakeAliyun().start()
    settings.SMS_BACKEND = "aliyun"
    settings.SMS_ALIYUN_ACCESS_KEY_ID, settings.SMS_ALIYUN_ACCESS_KEY_SECRET = ALIYUN_KEY_ID, ALIYUN_SECRET
    settings.SMS_ALIYUN_ENDPOINT = fake.url
    settings.SMS_TEMPLATES = {**settings.SMS_TEMPLATES, "aliyun": {k: f"SMS_{i:09d}" for i, k in enumerate(TEXTS)}}
    yield fake
    fake.stop()


@pytest.fixture
def tencent_sms(settings):
    fake = FakeTencent().start()
    settings.SMS_BACKEND = "tencent"
    settings.SMS_TENCENT_SECRET_ID, settings.SMS_TENCENT_SECRET_KEY = TENCENT_ID, TENCENT_KEY
    settings.SMS_TENCENT_SDK_APP_ID = TENCENT_APP
    settings.SMS_TENCENT_ENDPOINT = fake.url
    settings.SMS_TEMPLATES = {**settings.SMS_TEMPLATES, "tencent": {k: str(2000000 + i) for i, k in enumerate(TEXTS)}}
    yield fake
    fake.stop()


# --- Replies pushed to us (上行短信), shaped as each provider documents its push ------------------------


def aliyun_reply_push(client, path, *replies):
    """Alibaba Cloud's HTTP batch push of 上行短信: a JSON array, one object per (phone, content)."""
    items = [
        {
            "phone_number": phone,
            "send_time": "2026-12-06 20:30:00",
            "content": content,
            "sign_name": "示范县政务服务",
            "dest_code": "1234",
            "sequence_id": 1000 + i,
        }
        for i, (phone, content) in enumerate(replies)
    ]
    return client.post(path, json.dumps(items, ensure_ascii=False), content_type="application/json")


def tencent_reply_push(client, path, phone, text, nationcode="86"):
    """Tencent Cloud's 短信回复回调: one JSON object per reply."""
    body = {"extend": "", "mobile": phone, "nationcode": nationcode, "sign": "示范县政务服务", "text": text}
    body["time"] = 1796589000
    return client.post(path, json.dumps(body, ensure_ascii=False), content_type="application/json")
