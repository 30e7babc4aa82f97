"""Public service numbers that masking leaves visible: the units' own contact numbers and the hotlines.

A staff reply often says where to call: "请拨打镇政府电话0731-12345678" or "12345热线".
Those numbers are published anyway and must stay readable, while a resident's number in
the same text is masked. ``townsquare.core.privacy.mask_text`` asks the providers
registered with it (see apps.py) for the allow-list; this one gives:

- every number and e-mail address in a unit's contact fields (``Unit.phone``, ``Unit.email``),
- the numbers other apps publish for units (a booking window's phone, a guide's 咨询电话): each app
  registers a ``townsquare_public_contacts`` hook returning ``(queryset, field names)`` pairs,
- the numbers in the setting REQUEST_PUBLIC_NUMBERS (hotlines and emergency numbers).

Masking runs for every field of every row of a public list, so the allow-list is never
read per call: one query builds it, Django's cache keeps it (shared between processes),
and each process keeps its own copy for a short while (cleared at the start of each web
request, and whenever a unit is saved or deleted).
"""

import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError
from wagtail import hooks

from townsquare.core.privacy import contact_keys
from townsquare.units.models import Unit

logger = logging.getLogger(__name__)

CACHE_KEY = "resident_requests:public-contacts"
CACHE_SECONDS = 600
MEMO_SECONDS = 30

_memo = {"value": None, "until": 0.0}


def _configured_keys():
    keys = set()
    for number in settings.REQUEST_PUBLIC_NUMBERS:
        keys |= contact_keys(str(number))
    return keys


def published_contact_sources():
    """``(queryset, field names)`` pairs of numbers units publish, from every ``townsquare_public_contacts`` hook."""
    sources = [(Unit.objects.all(), ("phone", "email"))]
    for provider in hooks.get_hooks("townsquare_public_contacts"):
        sources.extend(provider())
    return sources


def load():
    """The allow-list from the database (one query per source) and the settings."""
    keys = _configured_keys()
    for queryset, fields in published_contact_sources():
        for row in queryset.values_list(*fields):
            for text in row:
                keys |= contact_keys(text)
    return frozenset(keys)


def public_contacts():
    now = time.monotonic()
    if _memo["value"] is not None and now < _memo["until"]:
        return _memo["value"]
    try:
        value = cache.get(CACHE_KEY)
    except Exception:  # a broken cache only costs a query
        logger.warning("cache unavailable: public numbers read from the database", exc_info=True)
        value = None
    if value is None:
        try:
            value = load()
        except Exception as error:  # DatabaseError, or no database at all: masking must still work
            # Without the units' numbers more is masked, never less; the next call tries again.
            if not isinstance(error, DatabaseError):
                logger.warning("public numbers not read: %s", error)
            return frozenset(_configured_keys())
        try:
            cache.set(CACHE_KEY, value, CACHE_SECONDS)
        except Exception:
            pass
    _memo["value"], _memo["until"] = value, now + MEMO_SECONDS
    return value


def forget_memo(**kwargs):
    _memo["value"], _memo["until"] = None, 0.0


def forget_if_source(sender, **kwargs):
    """A saved or deleted row of a model that publishes units' numbers: read the list again."""
    if _memo.get("models") is None:
        _memo["models"] = {queryset.model for queryset, _fields in published_contact_sources()}
    if sender in _memo["models"]:
        forget()


def forget(**kwargs):
    """A unit's contact details changed: read the list again (here at once, in other processes within the memo)."""
    forget_memo()
    try:
        cache.delete(CACHE_KEY)
    except Exception:
        logger.warning("cache unavailable: public numbers may stay stale for %s s", CACHE_SECONDS, exc_info=True)
