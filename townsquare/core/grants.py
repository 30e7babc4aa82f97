"""What this browser may see: the things it proved it may open (by submitting them, or with a code and
password), remembered in its session.

``kind`` names the session entry and stays the same over releases, so that browsers keep their access
(e.g. "resident_requests:access" holds tracking numbers, "listings:access" references,
"appointments:bookings" booking codes). The latest ``remember`` keys are kept.
"""

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
