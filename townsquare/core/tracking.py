"""Tracking numbers and query passwords (查询密码) of what residents submit (我要留言, 依申请公开).

The query password: six digits, a million possibilities. No password hasher makes that strong by
slowness: with PBKDF2 at Django's default iterations (about 0.3 s a hash, 2 submissions/s on two
cores) an attacker holding a copy of the database still tries all million in days, yet every resident
pays the cost on each submission. Its protection is elsewhere: wrong guesses are rate-limited per
address and per tracking number (each app's views), so nobody guesses online. What the stored value
must prevent is guessing offline from a leaked database; a keyed hash does exactly that: HMAC-SHA256
under a key derived from SECRET_KEY (which is not in the database), with a salt per record, compared
in constant time. Without SECRET_KEY a leaked hash tells nothing; with it, any scheme over six digits
falls. It costs microseconds. SECRET_KEY_FALLBACKS keep hashes made before a key rotation valid; values
written by the earlier PBKDF2 hasher ("pbkdf2_sha256$…") still verify through Django's hashers.
"""

import secrets

from django.conf import settings
from django.contrib.auth.hashers import check_password
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

QUERY_PASSWORD_SCHEME = "hmac_sha256"
# The key salt of the first app that used it; unchanged so that stored hashes keep verifying.
QUERY_PASSWORD_KEY_SALT = "townsquare.resident_requests.query_password"


def new_query_password():
    return f"{secrets.randbelow(10**6):06d}"


def _query_password_digest(salt, raw, secret=None):
    return salted_hmac(QUERY_PASSWORD_KEY_SALT, f"{salt}${raw}", secret=secret, algorithm="sha256").hexdigest()


def hash_query_password(raw):
    salt = secrets.token_hex(8)
    return f"{QUERY_PASSWORD_SCHEME}${salt}${_query_password_digest(salt, raw)}"


def check_query_password(raw, stored):
    if not stored or raw is None:
        return False
    scheme, _, rest = stored.partition("$")
    if scheme != QUERY_PASSWORD_SCHEME:
        return check_password(raw, stored)  # written by an earlier version (PBKDF2)
    salt, _, digest = rest.partition("$")
    secrets_to_try = [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]
    matched = False
    for secret in secrets_to_try:  # every key is tried, so the time does not tell which one matched
        matched |= constant_time_compare(digest, _query_password_digest(salt, raw, secret=secret))
    return matched


def new_tracking_number():
    """Date plus random digits: easy to read out on the phone, not guessable in sequence."""
    return timezone.localtime().strftime("%Y%m%d") + f"{secrets.randbelow(10**6):06d}"


class QueryPasswordMixin:
    """For a model with a ``query_password_hash`` field: set and check its 查询密码."""

    def set_query_password(self, raw):
        self.query_password_hash = hash_query_password(raw)

    def check_query_password(self, raw):
        return check_query_password(raw, self.query_password_hash)
