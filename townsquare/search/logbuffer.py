"""Where searches wait before ``querylog.flush_queries`` writes them in bulk, off the request path.

With REDIS_URL: one Redis list shared by every process (RPUSH on a search; the flush takes the
whole list in one MULTI/EXEC, so each search is written once whichever process flushes). Without:
a list in each process, which that process flushes itself. An entry is a JSON-safe tuple.
"""

import json
import threading
import time

from django.conf import settings

REDIS_KEY = "townsquare:search:querylog"

_waiting = []
_oldest = None  # time.monotonic() of the oldest waiting entry in this process
_lock = threading.Lock()


def _redis():
    from django_redis import get_redis_connection

    return get_redis_connection("default")


def append(entry):
    """Add one entry; True when enough wait (by count, or in a process by age) that it is time to flush."""
    global _oldest
    if settings.REDIS_URL:
        return _redis().rpush(REDIS_KEY, json.dumps(entry)) >= settings.SEARCH_LOG_FLUSH_SIZE
    now = time.monotonic()
    with _lock:
        _waiting.append(tuple(entry))
        if _oldest is None:
            _oldest = now
        return len(_waiting) >= settings.SEARCH_LOG_FLUSH_SIZE or now - _oldest >= settings.SEARCH_LOG_FLUSH_SECONDS


def take():
    """Remove and return every waiting entry."""
    global _oldest
    if settings.REDIS_URL:
        pipe = _redis().pipeline(transaction=True)
        pipe.lrange(REDIS_KEY, 0, -1)
        pipe.delete(REDIS_KEY)
        raw, _deleted = pipe.execute()
        return [tuple(json.loads(item)) for item in raw]
    with _lock:
        entries = list(_waiting)
        _waiting.clear()
        _oldest = None
        return entries


def put_back(entries):
    """Return entries a failed flush took, to be written by the next one."""
    global _oldest
    if not entries:
        return
    if settings.REDIS_URL:
        _redis().rpush(REDIS_KEY, *(json.dumps(entry) for entry in entries))
        return
    with _lock:
        _waiting[:0] = entries
        _oldest = _oldest or time.monotonic()
