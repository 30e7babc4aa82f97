"""Opt-out (退订): a keyed hash of the address per channel; sending checks it, links carry only the hash."""

import hashlib
import hmac

from django.conf import settings
from django.core import signing
from django.urls import reverse

from townsquare.core.models import OptOut

SALT = "townsquare.notify.optout"


def digest(channel, address):
    normal = "".join(ch for ch in address if ch.isdigit())[-11:] if channel == "sms" else address.strip().lower()
    return hmac.new(settings.SECRET_KEY.encode(), f"{channel}:{normal}".encode(), hashlib.sha256).hexdigest()


def is_opted_out(channel, address):
    return OptOut.objects.filter(channel=channel, digest=digest(channel, address)).exists()


def opt_out(channel, address=None, hashed=None):
    OptOut.objects.get_or_create(channel=channel, digest=hashed or digest(channel, address))


def link(channel, address):
    """The absolute opt-out URL for one address (no expiry: an old e-mail's link still works)."""
    token = signing.dumps({"c": channel, "d": digest(channel, address)}, salt=SALT, compress=True)
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("notify:optout", args=[token])


def read(token):
    """(channel, digest) from a link's token, or None when it was altered."""
    try:
        data = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    return data.get("c"), data.get("d")
