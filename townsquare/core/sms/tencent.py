"""Tencent Cloud SMS (腾讯云短信), ``SendSms`` of API 3.0 version 2021-01-11, signed with TC3-HMAC-SHA256.

A POST of a JSON body. CanonicalRequest = "POST\\n/\\n\\n" + the signed headers, each ``name:value\\n``
(``content-type`` and ``host``, lower case) + "\\n" + "content-type;host" + "\\n" + hex(SHA256(body));
StringToSign = "TC3-HMAC-SHA256\\n{timestamp}\\n{date}/sms/tc3_request\\n" + hex(SHA256(CanonicalRequest)),
``date`` being the UTC date of the timestamp; the key is derived as SecretDate = HMAC("TC3" + SecretKey,
date), SecretService = HMAC(SecretDate, "sms"), SecretSigning = HMAC(SecretService, "tc3_request");
Signature = hex(HMAC-SHA256(SecretSigning, StringToSign)). A sent text answers
``{"Response": {"SendStatusSet": [{"Code": "Ok", "SerialNo": …}]}}``; a refused call ``{"Response": {"Error": …}}``.
"""

import hashlib
import hmac
import json
import time
from datetime import UTC, datetime
from urllib.parse import urlsplit

import requests
from django.conf import settings

from .base import BaseBackend, SmsError, SmsResult, mainland_number

SERVICE = "sms"
ACTION = "SendSms"
VERSION = "2021-01-11"
ALGORITHM = "TC3-HMAC-SHA256"
CONTENT_TYPE = "application/json; charset=utf-8"
SIGNED_HEADERS = "content-type;host"


def _hmac(key, text):
    return hmac.new(key, text.encode(), hashlib.sha256).digest()


def canonical_request(host, body):
    headers = f"content-type:{CONTENT_TYPE}\nhost:{host}\n"
    return f"POST\n/\n\n{headers}\n{SIGNED_HEADERS}\n{hashlib.sha256(body.encode()).hexdigest()}"


def string_to_sign(host, body, timestamp):
    date = datetime.fromtimestamp(timestamp, UTC).strftime("%Y-%m-%d")
    hashed = hashlib.sha256(canonical_request(host, body).encode()).hexdigest()
    return f"{ALGORITHM}\n{timestamp}\n{date}/{SERVICE}/tc3_request\n{hashed}"


def signature(secret_key, host, body, timestamp):
    date = datetime.fromtimestamp(timestamp, UTC).strftime("%Y-%m-%d")
    key = _hmac(_hmac(_hmac(("TC3" + secret_key).encode(), date), SERVICE), "tc3_request")
    return hmac.new(key, string_to_sign(host, body, timestamp).encode(), hashlib.sha256).hexdigest()


def headers(secret_id, secret_key, host, body, timestamp, region):
    date = datetime.fromtimestamp(timestamp, UTC).strftime("%Y-%m-%d")
    authorization = (
        f"{ALGORITHM} Credential={secret_id}/{date}/{SERVICE}/tc3_request, "
        f"SignedHeaders={SIGNED_HEADERS}, Signature={signature(secret_key, host, body, timestamp)}"
    )
    return {
        "Authorization": authorization,
        "Content-Type": CONTENT_TYPE,
        "Host": host,
        "X-TC-Action": ACTION,
        "X-TC-Version": VERSION,
        "X-TC-Timestamp": str(timestamp),
        "X-TC-Region": region,
    }


def body(phone, template_id, params, app_id, sign_name):
    return json.dumps(
        {
            "PhoneNumberSet": [f"+86{phone}"],
            "SmsSdkAppId": app_id,
            "SignName": sign_name,
            "TemplateId": template_id,
            "TemplateParamSet": [str(value) for value in params.values()],
        },
        ensure_ascii=False,
        separators=(",", ":"),
    )


class TencentBackend(BaseBackend):
    provider = "tencent"

    def send(self, phone, template_code, params):
        if not (settings.SMS_TENCENT_SECRET_ID and settings.SMS_TENCENT_SECRET_KEY and settings.SMS_TENCENT_SDK_APP_ID):
            raise SmsError("not_configured", "腾讯云短信的 SecretId/SecretKey/SdkAppId 没有配置")
        number = mainland_number(phone)
        payload = body(number, template_code, params, settings.SMS_TENCENT_SDK_APP_ID, settings.SMS_SIGN_NAME)
        endpoint = settings.SMS_TENCENT_ENDPOINT
        host = urlsplit(endpoint).netloc
        signed = headers(
            settings.SMS_TENCENT_SECRET_ID,
            settings.SMS_TENCENT_SECRET_KEY,
            host,
            payload,
            int(time.time()),
            settings.SMS_TENCENT_REGION,
        )
        try:
            response = requests.post(
                endpoint, data=payload.encode(), headers=signed, timeout=settings.SMS_TIMEOUT_SECONDS
            )
            answer = response.json().get("Response", {})
        except (requests.RequestException, ValueError, AttributeError) as error:
            return SmsResult(ok=False, code="network", error=str(error)[:300])
        if "Error" in answer:
            return SmsResult(ok=False, code=answer["Error"].get("Code", ""), error=answer["Error"].get("Message", ""))
        statuses = answer.get("SendStatusSet") or [{}]
        status = statuses[0]
        if status.get("Code") == "Ok":
            return SmsResult(ok=True, message_id=status.get("SerialNo", ""))
        return SmsResult(ok=False, code=status.get("Code", "unknown"), error=status.get("Message", ""))
