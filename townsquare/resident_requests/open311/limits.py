"""Abuse limits of Open311 submissions: per API key, per address, per contact.

A key ships inside an app and can be extracted, so the key alone proves little. The limits
count new requests only (a resent POST with the same idempotency key costs nothing), in
``core.ratelimit``'s fixed windows. Per contact the scope is the web form's, so one phone
number gets REQUEST_RATE_LIMIT_PER_CONTACT_DAY requests a day over both channels.
"""

from django.conf import settings

from townsquare.core import ratelimit
from townsquare.core.ratelimit import DAY, HOUR

from .render import Open311Error

KEY_SCOPE = "open311-submit-key"
IP_SCOPE = "open311-submit-ip"
CONTACT_SCOPE = "requests-submit-contact"  # shared with the web form (resident_requests.views)


def _contacts(fields):
    return [value for value in (fields.get("contact_phone"), fields.get("contact_email")) if value]


def _reached(request, api_key, fields):
    """The Chinese refusal when a limit is reached, else ""."""
    per_key = settings.OPEN311_RATE_LIMIT_PER_KEY_HOUR
    if ratelimit.reached(KEY_SCOPE, api_key, per_key, HOUR):
        return f"这个接口密钥一小时内已经提交了{per_key}条留言，请过一小时再提交。"
    per_ip = settings.OPEN311_RATE_LIMIT_PER_IP_HOUR
    if ratelimit.reached(IP_SCOPE, ratelimit.client_ip(request), per_ip, HOUR):
        return f"这个网络一小时内已经提交了{per_ip}条留言，请过一小时再提交。"
    per_contact = settings.REQUEST_RATE_LIMIT_PER_CONTACT_DAY
    if any(ratelimit.reached(CONTACT_SCOPE, contact, per_contact, DAY) for contact in _contacts(fields)):
        return f"同一个电话或邮箱一天最多提交{per_contact}条留言，请明天再提交，或在已提交的留言里补充。"
    return ""


def check(request, api_key, fields, already_received):
    """Raise a 429 in the spec's format when a limit is reached, unless the POST is a resend
    (``already_received()`` is asked only then, so a normal POST costs no query)."""
    message = _reached(request, api_key, fields)
    if message and not already_received():
        raise Open311Error(429, message, headers={"Retry-After": str(HOUR)})


def count(request, api_key, fields):
    """Count a new request against every limit."""
    ratelimit.hit(KEY_SCOPE, api_key, HOUR)
    ratelimit.hit(IP_SCOPE, ratelimit.client_ip(request), HOUR)
    for contact in _contacts(fields):
        ratelimit.hit(CONTACT_SCOPE, contact, DAY)
