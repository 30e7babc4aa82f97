"""Fixed-window counters in Django's cache, for the public forms' abuse limits.

One implementation for every app (留言, 预约, 生活服务). Identifiers (addresses, phone numbers,
codes) are hashed, so they never appear in cache keys. A failing cache lets people through
rather than turning residents away.

Why not django-ratelimit: our limits count failures only (wrong passwords, wrong codes) and
key on what the resident typed (a phone number) as well as the address; both are two lines
here, while that package is built around decorating views with a rate string.
"""

import hashlib
import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render

logger = logging.getLogger(__name__)

HOUR, DAY = 3600, 24 * 3600


def client_ip(request):
    """The resident's address: REMOTE_ADDR, or behind a proxy the header named by CLIENT_IP_HEADER."""
    header = settings.CLIENT_IP_HEADER
    if header and request.META.get(header):
        return request.META[header].split(",")[0].strip()
    return request.META.get("REMOTE_ADDR", "")


def _key(scope, ident, window):
    digest = hashlib.sha256(f"{scope}:{ident}".encode()).hexdigest()[:32]
    return f"limit:{scope}:{digest}:{int(time.time() // window)}"


def count(scope, ident, window=HOUR):
    """How often ``ident`` was counted under ``scope`` in the current window."""
    try:
        return cache.get(_key(scope, ident, window), 0)
    except Exception:  # a broken cache must not turn residents away
        logger.warning("rate limit cache unavailable", exc_info=True)
        return 0


def hit(scope, ident, window=HOUR):
    key = _key(scope, ident, window)
    try:
        if not cache.add(key, 1, window):
            try:
                cache.incr(key)
            except ValueError:  # expired between add and incr
                cache.set(key, 1, window)
    except Exception:
        logger.warning("rate limit cache unavailable", exc_info=True)


def first(scope, ident, window=HOUR):
    """Count ``ident`` once under ``scope``: True only for the first call in the window, even when two requests
    arrive together (a double click). A broken cache answers True."""
    try:
        return bool(cache.add(_key(scope, ident, window), 1, window))
    except Exception:
        logger.warning("rate limit cache unavailable", exc_info=True)
        return True


def reset(scope, ident, window=HOUR):
    """Forget the current window's count (an admin unlocking a staff log-in)."""
    try:
        cache.delete(_key(scope, ident, window))
    except Exception:
        logger.warning("rate limit cache unavailable", exc_info=True)


def reached(scope, ident, limit, window=HOUR):
    return count(scope, ident, window) >= limit


def refuse(request, template, form, message, retry_after=HOUR):
    """The form again with ``message``, as 429 Too Many Requests with when to try again."""
    form.add_error(None, message)
    response = render(request, template, {"form": form}, status=429)
    response["Retry-After"] = str(retry_after)
    return response
