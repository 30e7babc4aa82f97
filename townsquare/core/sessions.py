"""Sessions made only when something is stored, for forms whose answer must find the same session.

A form page must not create a session row for every anonymous visitor, yet a double click needs one:
the browser throws the first answer away with any cookie it set and keeps the second one, which must
find what the first stored (e.g. the query password). So the form page only promises a session key in
a signed cookie (no database row); a POST from a browser without a session adopts that key, and the
session row appears under it once something is stored.
"""

from importlib import import_module

from django.conf import settings
from django.contrib.sessions.backends.base import CreateError
from django.db import DatabaseError
from django.utils.crypto import get_random_string

PROMISE_COOKIE = "form_session"
SALT = "townsquare.core.sessions"
KEY_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789"  # the characters of Django's own session keys


def promise(request, response):
    """Give a browser without a session a signed key for the session its form's POST will store."""
    if request.session.session_key or request.get_signed_cookie(PROMISE_COOKIE, None, salt=SALT):
        return
    response.set_signed_cookie(
        PROMISE_COOKIE,
        get_random_string(32, KEY_CHARS),
        salt=SALT,
        max_age=settings.SESSION_COOKIE_AGE,
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Lax",
    )


def adopt(request):
    """Before a POST touches the session: a browser without one takes its promised key."""
    key = request.get_signed_cookie(PROMISE_COOKIE, None, salt=SALT)
    if request.session.session_key or not key:
        return
    store = import_module(settings.SESSION_ENGINE).SessionStore(key)
    try:
        missing = not store.exists(key)
    except DatabaseError:  # the form's own outage handling takes over; nothing can be stored anyway
        return
    if missing:
        # Stored now under the promised key (loading a missing key would pick a random one instead).
        store._session_cache = {}
        try:
            store.save(must_create=True)
        except CreateError:  # the other click of a double click made it first: use that one
            store = import_module(settings.SESSION_ENGINE).SessionStore(key)
        except DatabaseError:
            return
    request.session = store
