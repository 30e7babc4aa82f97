"""Alibaba Cloud SMS (阿里云短信服务), ``SendSms`` of API version 2017-05-25, RPC style.

The request is a GET to the endpoint with every parameter in the query, signed with signature
version 1.0: the parameters but Signature, sorted by name, each name and value percent-encoded
(RFC 3986: space as %20, ``*`` as %2A, ``~`` kept), joined as ``k=v&…``; the string to sign is
``GET&%2F&`` + percentEncode(that query); Signature = base64(HMAC-SHA1(AccessKeySecret + "&", it)).
A sent text answers ``{"Code": "OK", "BizId": …}``; anything else names the refusal in ``Code``.
"""

import base64
import hashlib
import hmac
import json
import uuid
from datetime import UTC, datetime
from urllib.parse import quote

import requests
from django.conf import settings

from .base import BaseBackend, SmsError, SmsResult, mainland_number

ACTION = "SendSms"
VERSION = "2017-05-25"


def percent_encode(value):
    return quote(str(value), safe="~")


def canonical_query(params):
    return "&".join(f"{percent_encode(k)}={percent_encode(v)}" for k, v in sorted(params.items()))


def string_to_sign(params, method="GET"):
    return f"{method}&{percent_encode('/')}&{percent_encode(canonical_query(params))}"


def signature(params, secret, method="GET"):
    digest = hmac.new((secret + "&").encode(), string_to_sign(params, method).encode(), hashlib.sha1).digest()
    return base64.b64encode(digest).decode()


def signed_params(phone, template_code, template_params, *, key_id, secret, sign_name, region, nonce=None, now=None):
    """Every query parameter of one SendSms call, Signature included."""
    params = {
        "AccessKeyId": key_id,
        "Action": ACTION,
        "Format": "JSON",
        "PhoneNumbers": phone,
        "RegionId": region,
        "SignName": sign_name,
        "SignatureMethod": "HMAC-SHA1",
        "SignatureNonce": nonce or uuid.uuid4().hex,
        "SignatureVersion": "1.0",
        "TemplateCode": template_code,
        "TemplateParam": json.dumps(template_params, ensure_ascii=False, separators=(",", ":")),
        "Timestamp": (now or datetime.now(UTC)).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "Version": VERSION,
    }
    params["Signature"] = signature(params, secret)
    return params


class AliyunBackend(BaseBackend):
    provider = "aliyun"

    def send(self, phone, template_code, params):
        if not (settings.SMS_ALIYUN_ACCESS_KEY_ID and settings.SMS_ALIYUN_ACCESS_KEY_SECRET):
            raise SmsError("not_configured", "阿里云短信的 AccessKey 没有配置")
        query = signed_params(
            mainland_number(phone),
            template_code,
            {name: str(value) for name, value in params.items()},
            key_id=settings.SMS_ALIYUN_ACCESS_KEY_ID,
            secret=settings.SMS_ALIYUN_ACCESS_KEY_SECRET,
            sign_name=settings.SMS_SIGN_NAME,
            region=settings.SMS_ALIYUN_REGION,
        )
        url = settings.SMS_ALIYUN_ENDPOINT + "?" + canonical_query(query)
        try:
            response = requests.get(url, timeout=settings.SMS_TIMEOUT_SECONDS)
            answer = response.json()
        except (requests.RequestException, ValueError) as error:
            return SmsResult(ok=False, code="network", error=str(error)[:300])
        if answer.get("Code") == "OK":
            return SmsResult(ok=True, message_id=answer.get("BizId", ""))
        return SmsResult(ok=False, code=answer.get("Code", str(response.status_code)), error=answer.get("Message", ""))
