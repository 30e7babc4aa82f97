"""Fixed-window rate limits in Django's cache (a failing cache lets people through rather than turning them away).

Identifiers (addresses) are hashed: they never appear in cache keys.
"""

import hashlib
import logging
import time

from django.core.cache import cache

from .models import setting

logger = logging.getLogger(__name__)

HOUR, DAY = 3600, 24 * 3600


def client_ip(request):
    header = setting("LISTINGS_CLIENT_IP_HEADER", "")
    if header and request.META.get(header):
        return request.META[header].split(",")[0].strip()
    return request.META.get("REMOTE_ADDR", "")


def _key(scope, ident, window):
    digest = hashlib.sha256(f"{scope}:{ident}".encode()).hexdigest()[:32]
    return f"listings:limit:{scope}:{digest}:{int(time.time() // window)}"


def count(scope, ident, window):
    try:
        return cache.get(_key(scope, ident, window), 0)
    except Exception:
        logger.warning("rate limit cache unavailable", exc_info=True)
        return 0


def hit(scope, ident, window):
    key = _key(scope, ident, window)
    try:
        if not cache.add(key, 1, window):
            try:
                cache.incr(key)
            except ValueError:
                cache.set(key, 1, window)
    except Exception:
        logger.warning("rate limit cache unavailable", exc_info=True)


def reached(scope, request, window, limit):
    return count(scope, client_ip(request), window) >= limit


def record(scope, request, window):
    hit(scope, client_ip(request), window)
