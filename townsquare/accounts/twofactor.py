"""Two-step log-in (两步验证) with TOTP codes from django-otp.

After the password, a staff member with a confirmed device must enter a code from it; with
STAFF_2FA_REQUIRED on, superusers and county staff (``units.access.is_county_staff``) without a
device are first sent to set one up. Others may set one up at /admin/2fa/enrol/.

What is still owed is decided once at log-in and kept in the session (``PENDING``), so ordinary
admin requests cost no extra query; ``middleware.TwoFactorMiddleware`` enforces it.
"""

import io

import qrcode
import qrcode.image.svg
from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django_otp.plugins.otp_totp.models import TOTPDevice

from townsquare.units.access import is_county_staff

PENDING = "townsquare_2fa_pending"
VERIFY, ENROL = "verify", "enrol"


def is_required(user):
    return settings.STAFF_2FA_REQUIRED and (user.is_superuser or is_county_staff(user))


def owed(user):
    """What this user still owes after the password: VERIFY, ENROL or None."""
    if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        return VERIFY
    if is_required(user):
        return ENROL
    return None


@receiver(user_logged_in, dispatch_uid="townsquare_2fa_on_login")
def _mark_pending(request, user, **kwargs):
    if request is None or not hasattr(request, "session"):
        return
    step = owed(user)
    if step:
        request.session[PENDING] = step
    else:
        request.session.pop(PENDING, None)


def unconfirmed_device(user):
    """The device being set up (one per user, made on first visit; a new key once confirmed)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="身份验证器", confirmed=False)


def qr_svg(uri):
    """The otpauth URI as an inline SVG QR code, drawn here (no outside service sees the key)."""
    # White background, so it scans in the admin's dark theme too; no XML prolog inside HTML.
    image = qrcode.make(uri, image_factory=qrcode.image.svg.SvgPathFillImage, box_size=20)
    buffer = io.BytesIO()
    image.save(buffer)
    text = buffer.getvalue().decode()
    return text[text.index("<svg") :]


def clean_token(value):
    return "".join((value or "").split())
