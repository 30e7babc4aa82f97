"""One-time e-mail codes: a resident who has the booking code but not the phone asks for six digits sent to
the e-mail address given when booking; the right digits open that one booking.

A code is valid for APPOINTMENT_EMAIL_CODE_MINUTES and opens once. Only a keyed hash (HMAC with the
SECRET_KEY) is stored, so a copy of the database does not give the digits away. Sending is limited per
booking and per e-mail address (APPOINTMENT_EMAIL_CODES_PER_HOUR) and per client address
(APPOINTMENT_LOOKUP_FAILURES_PER_IP_HOUR, counted apart) with ``core.ratelimit``; wrong digits count
like wrong phone digits (the views).
"""

import enum
import logging
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone
from django.utils.crypto import salted_hmac

from townsquare.core import ratelimit
from townsquare.core.privacy import mask_text

from .models import EmailCode

logger = logging.getLogger(__name__)

DIGITS = 6
SALT = "townsquare.appointments.email_codes"


class Sent(enum.Enum):
    SENT = "sent"
    NO_ADDRESS = "no_address"
    LIMITED = "limited"
    FAILED = "failed"


class Checked(enum.Enum):
    OK = "ok"
    WRONG = "wrong"
    EXPIRED = "expired"
    USED = "used"


def masked_address(booking):
    """The booking's e-mail address as pages may show it (z***@example.com)."""
    return mask_text(booking.email)


def digest(booking, digits):
    return salted_hmac(SALT, f"{booking.pk}:{digits}").hexdigest()


def _limits(booking, ip):
    return (
        ("appointments-email-booking", booking.code, settings.APPOINTMENT_EMAIL_CODES_PER_HOUR),
        ("appointments-email-address", booking.email.lower(), settings.APPOINTMENT_EMAIL_CODES_PER_HOUR),
        # From one client address: as many as wrong look-ups it may make.
        ("appointments-email-ip", ip, settings.APPOINTMENT_LOOKUP_FAILURES_PER_IP_HOUR),
    )


def message(booking, digits):
    minutes = settings.APPOINTMENT_EMAIL_CODE_MINUTES
    window = booking.service.window
    subject = "预约查询验证码"
    lines = [
        "您好：",
        "",
        f"您正在网上查询预约（预约码 {booking.display_code}）。验证码：{digits}",
        f"{minutes}分钟内有效，只能用一次。请不要告诉别人。",
        "如果不是您本人在查，请不用理会这封邮件。",
        "",
        window.unit.name,
    ]
    return subject, "\n".join(lines)


def send_code(booking, ip):
    """Make a new code for ``booking`` and e-mail it; what happened, as ``Sent``."""
    if not booking.email:
        return Sent.NO_ADDRESS
    limits = _limits(booking, ip)
    if any(ratelimit.reached(scope, ident, limit) for scope, ident, limit in limits):
        return Sent.LIMITED
    for scope, ident, _limit in limits:
        ratelimit.hit(scope, ident)
    now = timezone.now()
    digits = f"{secrets.randbelow(10**DIGITS):0{DIGITS}d}"
    EmailCode.objects.filter(booking=booking, expires_at__lte=now).delete()
    code = EmailCode.objects.create(
        booking=booking,
        digest=digest(booking, digits),
        created_at=now,
        expires_at=now + timedelta(minutes=settings.APPOINTMENT_EMAIL_CODE_MINUTES),
    )
    subject, body = message(booking, digits)
    try:
        send_mail(subject, body, None, [booking.email])
    except Exception:  # SMTP down, refused address: the resident is told, the code is dropped
        logger.exception("the lookup code for booking %s could not be e-mailed", booking.pk)
        code.delete()
        return Sent.FAILED
    return Sent.SENT


def check_code(booking, digits):
    """Whether ``digits`` open ``booking`` now; a right code is used up (once, even when sent twice at once)."""
    wanted = digest(booking, digits)
    now = timezone.now()
    # The digest is keyed: looking it up in the database tells a timing observer nothing about the digits.
    code = EmailCode.objects.filter(booking=booking, digest=wanted).order_by("-created_at").first()
    if code is None:
        return Checked.WRONG
    if code.used_at is not None:
        return Checked.USED
    if code.expires_at <= now:
        return Checked.EXPIRED
    taken = EmailCode.objects.filter(pk=code.pk, used_at__isnull=True).update(used_at=now)
    return Checked.OK if taken else Checked.USED
