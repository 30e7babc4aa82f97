"""What this browser may see: the things it proved it may open (by submitting them, or with a code and
password), remembered in its session.

``kind`` names the session entry and stays the same over releases, so that browsers keep their access
(e.g. "resident_requests:access" holds tracking numbers, "listings:access" references,
"appointments:bookings" booking codes). The latest ``remember`` keys are kept.
"""

import time

REMEMBERED = 20


def grant(request, kind, key, *, remember=REMEMBERED):
    """Let this browser see ``key`` of ``kind`` from now on."""
    keys = [k for k in granted(request, kind) if k != key]
    request.session[kind] = (keys + [key])[-remember:]


def granted(request, kind):
    """The keys of ``kind`` this browser may see, oldest first."""
    return list(request.session.get(kind, []))


def is_granted(request, kind, key):
    return key in request.session.get(kind, [])


# --- a secret shown once (a just-issued query password on the success page) ---------------------------------

SECRETS_REMEMBERED = 5


def keep_secret(request, kind, key, secret, *, minutes):
    """Remember ``secret`` for ``key`` in this browser's session for ``minutes`` (the success page shows it)."""
    now = time.time()
    kept = request.session.get(kind, {})
    kept = {k: entry for k, entry in kept.items() if k != key and entry[1] > now}
    kept[key] = [secret, now + minutes * 60]
    request.session[kind] = dict(list(kept.items())[-SECRETS_REMEMBERED:])


def kept_secret(request, kind, key):
    """The secret kept for ``key``, or None once its minutes are over; popped as it is read (shown once)."""
    kept = request.session.get(kind, {})
    entry = kept.get(key)
    if entry is None:
        return None
    request.session[kind] = {k: e for k, e in kept.items() if k != key}
    secret, until = entry
    return secret if until > time.time() else None
