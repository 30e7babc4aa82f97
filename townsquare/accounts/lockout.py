"""Staff log-in lockout: too many wrong passwords for one user name or from one address.

Failures are counted with ``core.ratelimit`` (cache-based, so it works across processes with Redis)
in fixed windows of LOGIN_LOCKOUT_MINUTES; reaching a limit sets a lock that lasts that long from then.
A lock ends by itself, or an admin lifts it with ``manage.py unlock_login USERNAME``.

Why not django-axes: it needs ``request`` in every ``authenticate()`` call (Django's test client and
our own code call it without), adds its own models and admin, and our public forms already count
failures with ``core.ratelimit``; the whole rule is the few lines below.
"""

import hashlib
import logging
import math
import time

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.cache import cache
from django.dispatch import receiver

from townsquare.core import ratelimit

logger = logging.getLogger(__name__)

USER, ADDRESS = "login-user", "login-address"


def _window():
    return settings.LOGIN_LOCKOUT_MINUTES * 60


def _lock_key(scope, ident):
    return f"login-lock:{scope}:{hashlib.sha256(f'{scope}:{ident}'.encode()).hexdigest()[:32]}"


def _limit(scope):
    return settings.LOGIN_MAX_FAILURES_PER_USER if scope == USER else settings.LOGIN_MAX_FAILURES_PER_ADDRESS


def _idents(username, address):
    if username:
        yield USER, username.strip().lower()
    if address:
        yield ADDRESS, address


def locked_seconds(username, address=""):
    """Seconds until the user name or the address may try again; 0 when neither is locked."""
    now = time.time()
    remaining = 0.0
    for scope, ident in _idents(username, address):
        try:
            until = cache.get(_lock_key(scope, ident))
        except Exception:  # a broken cache must not lock staff out
            until = None
        if until:
            remaining = max(remaining, until - now)
    return max(0, math.ceil(remaining))


def refusal_message(seconds):
    minutes = max(1, math.ceil(seconds / 60))
    return f"登录失败次数过多，请在{minutes}分钟后再试，或联系管理员解锁。"


def record_failure(username, address=""):
    for scope, ident in _idents(username, address):
        ratelimit.hit(scope, ident, _window())
        if ratelimit.reached(scope, ident, _limit(scope), _window()):
            try:
                cache.add(_lock_key(scope, ident), time.time() + _window(), _window())
            except Exception:
                logger.warning("login lockout cache unavailable", exc_info=True)


def unlock(username="", address=""):
    """Lift the lock and forget the failures of a user name and/or an address."""
    for scope, ident in _idents(username, address):
        ratelimit.reset(scope, ident, _window())
        try:
            cache.delete(_lock_key(scope, ident))
        except Exception:
            logger.warning("login lockout cache unavailable", exc_info=True)


def address_of(request):
    return ratelimit.client_ip(request) if request is not None else ""


@receiver(user_login_failed, dispatch_uid="townsquare_login_failed")
def _count_failure(credentials, request=None, **kwargs):
    record_failure(credentials.get("username", ""), address_of(request))


@receiver(user_logged_in, dispatch_uid="townsquare_login_succeeded")
def _forget_user_failures(user, **kwargs):
    # Only the user name: a shared office address keeps its count.
    ratelimit.reset(USER, user.get_username().strip().lower(), _window())
