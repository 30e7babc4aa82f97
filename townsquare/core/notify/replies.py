"""Residents' replies to our texts (上行短信): "TD" and its kin opt the number out of SMS.

Both providers push replies to a URL the county registers with them, without signing the push, so
the URL carries a secret token (``SMS_REPLY_TOKEN``); the views are in ``views.py``.

- Alibaba Cloud SMS, 上行短信消息 by HTTP batch push: a POST whose body is a JSON array of
  ``{phone_number, send_time, content, sign_name, dest_code, sequence_id}``; we answer
  ``{"code": 0, "msg": "成功"}`` (anything else and it pushes again).
- Tencent Cloud SMS, 短信回复回调: a POST of one JSON object ``{extend, mobile, nationcode, sign, text,
  time}``; we answer ``{"result": 0, "errmsg": "OK"}``.

A reply that is one of OPT_OUT_WORDS (trimmed, any case, half- or full-width) opts the number out;
anything else is logged and left alone. Logs carry the number masked (138****5678), never whole.
"""

import logging
import unicodedata
from dataclasses import dataclass

from townsquare.core.privacy import mask_number, mask_text

from . import optout

logger = logging.getLogger(__name__)

OPT_OUT_WORDS = frozenset({"TD", "T", "退订", "N"})


@dataclass(frozen=True)
class Reply:
    provider: str
    phone: str
    text: str


class Malformed(ValueError):
    """The push is not what the provider documents."""


def aliyun_replies(data):
    """The replies of one Alibaba Cloud batch push (a list of objects)."""
    if not isinstance(data, list):
        raise Malformed("应为 JSON 数组")
    return [_reply("aliyun", item, "phone_number", "content") for item in data]


def tencent_replies(data):
    """The one reply of a Tencent Cloud callback; only mainland numbers (nationcode 86) are ours."""
    reply = _reply("tencent", data, "mobile", "text")
    nationcode = str(data.get("nationcode") or "86").lstrip("+")
    return [reply] if nationcode == "86" else []


def _reply(provider, item, phone_field, text_field):
    if not isinstance(item, dict) or not isinstance(item.get(phone_field), str | int):
        raise Malformed(f"缺少 {phone_field}")
    return Reply(provider, str(item[phone_field]).strip(), str(item.get(text_field) or ""))


def is_opt_out(text):
    return unicodedata.normalize("NFKC", text).strip().upper() in OPT_OUT_WORDS


def handle(replies):
    """Opt out the numbers that asked; log every reply. Returns how many opted out."""
    opted = 0
    for reply in replies:
        digits = "".join(ch for ch in reply.phone if ch.isdigit())[-11:]
        masked = mask_number("mobile", digits) if digits else "(无号码)"
        if digits and is_opt_out(reply.text):
            optout.opt_out("sms", digits)
            opted += 1
            logger.info("短信回复退订：%s（%s）", masked, reply.provider)
        else:
            logger.info("短信回复未处理：%s（%s）%s", masked, reply.provider, mask_text(reply.text[:70]))
    return opted
