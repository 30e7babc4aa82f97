"""Channel secrets (a 公众号's AppSecret, a webhook's signing secret) sealed at rest, never shown again.

Fernet (AES-128-CBC + HMAC-SHA256) with a key derived from SECRET_KEY: a copy of the database alone does not
reveal them. Changing SECRET_KEY makes stored secrets unreadable: they must be entered again.
"""

import base64
import hashlib

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings


def _fernet():
    digest = hashlib.sha256(b"townsquare.relays.secrets:" + settings.SECRET_KEY.encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def seal(plain):
    return _fernet().encrypt(plain.encode()).decode() if plain else ""


def unseal(sealed):
    """The secret, or "" when none is stored or it was sealed under another SECRET_KEY."""
    if not sealed:
        return ""
    try:
        return _fernet().decrypt(sealed.encode()).decode()
    except InvalidToken:
        return ""


class SealedSecretMixin:
    """``secret`` read and written in plain text over the model's ``secret_sealed`` field."""

    @property
    def secret(self):
        return unseal(self.secret_sealed)

    @secret.setter
    def secret(self, plain):
        self.secret_sealed = seal(plain)
