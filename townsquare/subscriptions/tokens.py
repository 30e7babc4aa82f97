"""Signed links: a subscriber's manage link, the confirmation link, each message's unsubscribe link and a
digest's page.

A link carries the subscriber's id and token version, signed with the site's SECRET_KEY (HMAC):
it cannot be guessed or altered, and nothing secret is stored. Raising ``token_version``
makes every earlier link stop working.
"""

from django.conf import settings
from django.core import signing
from django.urls import reverse

from .models import Digest, Subscriber

MANAGE, CONFIRM, UNSUBSCRIBE = "subscriptions.manage", "subscriptions.confirm", "subscriptions.unsubscribe"
DIGEST = "subscriptions.digest"


def make(subscriber, purpose):
    return signing.dumps([subscriber.pk, subscriber.token_version], salt=purpose, compress=False)


def read(token, purpose, max_age=None):
    """The subscriber a token names, or None when it is forged, too old or no longer valid."""
    try:
        pk, version = signing.loads(token, salt=purpose, max_age=max_age)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    return Subscriber.objects.filter(pk=pk, token_version=version).first()


def absolute(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def manage_url(subscriber):
    return absolute(reverse("subscriptions:manage", args=[make(subscriber, MANAGE)]))


def confirm_url(subscriber):
    return absolute(reverse("subscriptions:confirm", args=[make(subscriber, CONFIRM)]))


def unsubscribe_url(subscriber):
    return absolute(reverse("subscriptions:unsubscribe", args=[make(subscriber, UNSUBSCRIBE)]))


def digest_url(digest, token_version):
    """A digest's own page (the link of a WeChat digest message); it stops working with the subscriber's links."""
    token = signing.dumps([digest.pk, token_version], salt=DIGEST, compress=False)
    return absolute(reverse("subscriptions:digest", args=[token]))


def read_digest(token):
    """The digest a token names, or None."""
    try:
        pk, version = signing.loads(token, salt=DIGEST)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    return Digest.objects.filter(pk=pk, subscriber__token_version=version).first()
