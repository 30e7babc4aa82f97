"""A resident proves a mobile number or an e-mail address with a 6-digit code, without an account.

Used where a count must be "one per person" (a survey answer, a 民生实事 vote): the code goes out by SMS
(``core/sms``, kind ``verification_code``) or by e-mail; the right digits give the ``person_key`` — a keyed
HMAC (SECRET_KEY) of the normalised contact, the same for the same phone or address every time. Apps store
that key to refuse a second answer, never the contact itself; the key is remembered in the session
(``core/grants``) for the purpose, so the resident confirms once per visit.

Only a keyed hash of each code is stored. A code works VERIFICATION_CODE_MINUTES, allows
VERIFICATION_MAX_TRIES wrong tries, and opens once. Sending is limited per contact and per client address,
wrong codes per client address (``core/ratelimit``). Every refusal is a ``ValidationError`` in Chinese.

(``appointments/email_codes.py`` and ``listings/submission.py`` each send their own e-mail code, tied to
their record; they predate this module and could move onto it.)
"""

import logging
import secrets
from datetime import timedelta

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db.models import F
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

from townsquare.core import grants, ratelimit
from townsquare.core.forms import normalize_email, normalize_phone
from townsquare.core.models import VerificationCode
from townsquare.core.sms import send_sms

logger = logging.getLogger(__name__)

DIGITS = 6
PERSON_SALT = "townsquare.core.verification.person"
CODE_SALT = "townsquare.core.verification.code"
GRANT_KIND = "verification:"  # + purpose: the session entry holding the verified person_key

SMS, EMAIL = "sms", "email"


# --- the contact and the person -------------------------------------------------------------------------------


def normalize_contact(raw):
    """(channel, contact): a mainland mobile number or an e-mail address, one spelling each; else ValidationError."""
    text = (raw or "").strip()
    if not text:
        raise ValidationError("请填写手机号码或电子邮箱。", code="required")
    if "@" in text:
        address = normalize_email(text)
        try:
            forms.EmailField().clean(address)
        except ValidationError:
            raise ValidationError("电子邮箱的格式不对，请核对后再填，如 name@example.com。", code="invalid") from None
        return EMAIL, address
    try:
        return SMS, normalize_phone(text, mobile_only=True)
    except ValueError:
        raise ValidationError("请填写11位手机号码（或者电子邮箱）。", code="invalid") from None


def person_key(contact):
    """The stable key of a normalised contact: the same person gives the same key; the contact is not in it."""
    return salted_hmac(PERSON_SALT, contact).hexdigest()


def _code_digest(key, purpose, digits):
    return salted_hmac(CODE_SALT, f"{key}:{purpose}:{digits}").hexdigest()


# --- sending --------------------------------------------------------------------------------------------------


def _send_limits(key, ip):
    return (
        ("verification-send-contact", key, settings.VERIFICATION_CODES_PER_CONTACT_HOUR),
        ("verification-send-ip", ip, settings.VERIFICATION_CODES_PER_IP_HOUR),
    )


def _deliver(channel, contact, digits):
    minutes = settings.VERIFICATION_CODE_MINUTES
    if channel == SMS:
        result = send_sms(contact, "verification_code", {"code": digits, "minutes": minutes})
        if not result.ok:
            logger.warning("a verification code could not be texted: %s %s", result.code, result.error)
        return result.ok
    body = "\n".join(
        [
            "您好：",
            "",
            f"您的验证码是：{digits}",
            f"{minutes}分钟内有效，只能用一次。请不要告诉别人。",
            "如果不是您本人在操作，请不用理会这封邮件。",
            "",
            settings.SMS_SIGN_NAME,
        ]
    )
    try:
        send_mail("验证码", body, None, [contact])
    except Exception:  # SMTP down, refused address: the resident is told
        logger.exception("a verification code could not be e-mailed")
        return False
    return True


def send_code(request, contact, purpose):
    """Send a new code to ``contact`` (a mobile number or an e-mail address, as typed) for ``purpose``.

    Returns the channel used ("sms" or "email"); raises ValidationError with a Chinese message when the
    contact is malformed, a limit is reached or the code could not be sent."""
    channel, contact = normalize_contact(contact)
    key = person_key(contact)
    limits = _send_limits(key, ratelimit.client_ip(request))
    if any(ratelimit.reached(scope, ident, limit) for scope, ident, limit in limits):
        raise ValidationError("验证码发得太频繁了，请一小时后再试。", code="limited")
    for scope, ident, _limit in limits:
        ratelimit.hit(scope, ident)
    now = timezone.now()
    digits = f"{secrets.randbelow(10**DIGITS):0{DIGITS}d}"
    # A new code replaces the earlier ones for the same person and purpose.
    VerificationCode.objects.filter(person_key=key, purpose=purpose).delete()
    VerificationCode.objects.filter(expires_at__lte=now).delete()
    code = VerificationCode.objects.create(
        person_key=key,
        purpose=purpose,
        digest=_code_digest(key, purpose, digits),
        created_at=now,
        expires_at=now + timedelta(minutes=settings.VERIFICATION_CODE_MINUTES),
    )
    if not _deliver(channel, contact, digits):
        code.delete()
        raise ValidationError("验证码没有发出去，请稍后再试，或者换一种联系方式。", code="not_sent")
    return channel


# --- confirming -----------------------------------------------------------------------------------------------


def confirm_code(request, contact, purpose, code):
    """The ``person_key`` of ``contact`` when ``code`` is its current code for ``purpose`` (used up, and
    remembered in this browser's session); else ValidationError with a Chinese message."""
    _channel, contact = normalize_contact(contact)
    digits = "".join((code or "").split())
    if not (len(digits) == DIGITS and digits.isdigit()):
        raise ValidationError("验证码是6位数字，请核对后再填。", code="invalid")
    ip = ratelimit.client_ip(request)
    if ratelimit.reached("verification-failures-ip", ip, settings.VERIFICATION_FAILURES_PER_IP_HOUR):
        raise ValidationError("验证码错误次数太多，请一小时后再试。", code="limited")
    key = person_key(contact)
    now = timezone.now()
    current = (
        VerificationCode.objects.filter(person_key=key, purpose=purpose, used_at__isnull=True)
        .order_by("-created_at")
        .first()
    )
    if current is None:
        raise ValidationError("请先获取验证码。", code="no_code")
    if current.expires_at <= now:
        raise ValidationError("验证码已过期，请重新获取。", code="expired")
    if current.tries >= settings.VERIFICATION_MAX_TRIES:
        raise ValidationError("验证码错误次数太多，请重新获取。", code="too_many")
    if not constant_time_compare(current.digest, _code_digest(key, purpose, digits)):
        ratelimit.hit("verification-failures-ip", ip)
        VerificationCode.objects.filter(pk=current.pk).update(tries=F("tries") + 1)
        left = settings.VERIFICATION_MAX_TRIES - current.tries - 1
        if left <= 0:
            raise ValidationError("验证码错误次数太多，请重新获取。", code="too_many")
        raise ValidationError(f"验证码不对，请核对后再填（还可以试{left}次）。", code="wrong")
    taken = VerificationCode.objects.filter(pk=current.pk, used_at__isnull=True).update(used_at=now)
    if not taken:  # the same code sent twice at once: the first one used it
        raise ValidationError("这个验证码已经用过了，请重新获取。", code="used")
    grants.grant(request, GRANT_KIND + purpose, key, remember=1)
    return key


def verified_person(request, purpose):
    """The ``person_key`` this browser proved for ``purpose`` in its session, or None."""
    keys = grants.granted(request, GRANT_KIND + purpose)
    return keys[-1] if keys else None


def forget_person(request, purpose):
    """Forget the proof (the resident chose 换一个号码)."""
    request.session.pop(GRANT_KIND + purpose, None)


# --- the form fields a public form adds -----------------------------------------------------------------------


class VerificationForm(forms.Form):
    """A contact and its code, for ``core/forms/verification.html``: 获取验证码 posts ``verify=send``, the
    form's own submit button checks the code. Without JavaScript both are ordinary submits."""

    contact = forms.CharField(
        label="手机号码或电子邮箱",
        max_length=120,
        widget=forms.TextInput(attrs={"autocomplete": "tel email", "inputmode": "email"}),
        help_text="我们发一个6位数字的验证码给您，只用来确认是您本人，不会公开。",
        error_messages={"required": "请填写手机号码或电子邮箱。"},
    )
    code = forms.CharField(
        label="验证码",
        max_length=12,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )

    def clean_contact(self):
        normalize_contact(self.cleaned_data["contact"])
        return self.cleaned_data["contact"].strip()


SEND_ACTION = "send"


def process(request, form, purpose):
    """Handle a posted ``VerificationForm``: ``"sent"`` when 获取验证码 was pressed and the code went out, the
    ``person_key`` when the code was right, else None with the reason on the form's fields."""
    if not form.is_valid():
        return None
    contact = form.cleaned_data["contact"]
    try:
        if request.POST.get("verify") == SEND_ACTION:
            send_code(request, contact, purpose)
            return "sent"
        if not form.cleaned_data["code"]:
            form.add_error("code", "请填写收到的6位验证码；还没有的话，请先点“获取验证码”。")
            return None
        return confirm_code(request, contact, purpose, form.cleaned_data["code"])
    except ValidationError as error:
        form.add_error("contact" if request.POST.get("verify") == SEND_ACTION else "code", error)
        return None
