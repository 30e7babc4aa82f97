"""Cursor pagination: an opaque cursor holds the sort key and id of the last item a client received.

A list is ordered by a key that ends in something unique (``-first_published_at, -path``;
``-received_at, -pk``), so "the items after this one" is one indexed range: no counting, no offset,
and an item published while a client walks the list neither repeats nor skips one.
A cursor is URL-safe base64 of a small JSON array; it is not signed, a forged one only moves the start.
"""

import base64
import binascii
import json
from datetime import datetime

from django.conf import settings
from django.db.models import Q
from ninja.errors import HttpError

CURSOR_MAX_CHARS = 400
BAD_CURSOR = "cursor 参数无效，请使用上一页返回的 next_cursor。"


def encode(*values):
    parts = [value.isoformat() if isinstance(value, datetime) else value for value in values]
    raw = json.dumps(parts, ensure_ascii=False, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode(cursor, kinds):
    """The values a cursor holds, converted by ``kinds`` (``datetime``, ``int``, ``str``); 400 when malformed."""
    if not cursor:
        return None
    if len(cursor) > CURSOR_MAX_CHARS:
        raise HttpError(400, BAD_CURSOR)
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        parts = json.loads(raw)
        if not isinstance(parts, list) or len(parts) != len(kinds):
            raise ValueError(cursor)
        values = []
        for kind, part in zip(kinds, parts, strict=True):
            if kind is datetime:
                value = datetime.fromisoformat(part)
                if value.tzinfo is None:
                    raise ValueError(part)
            elif kind is int:
                if not isinstance(part, int) or isinstance(part, bool) or not 0 < part < 2**31:
                    raise ValueError(part)
                value = part
            else:
                if not isinstance(part, str) or "\x00" in part:
                    raise ValueError(part)
                value = part
            values.append(value)
    except (ValueError, TypeError, binascii.Error, UnicodeDecodeError, OverflowError) as error:
        raise HttpError(400, BAD_CURSOR) from error
    return values


def after(fields, values):
    """Rows after ``values`` in the descending order of ``fields`` (a keyset condition)."""
    condition = Q()
    for i in range(len(fields) - 1, -1, -1):
        step = Q(**{f"{fields[i]}__lt": values[i]})
        condition = step if i == len(fields) - 1 else step | (Q(**{fields[i]: values[i]}) & condition)
    return condition


def page_size(limit):
    return min(limit or settings.API_PAGE_SIZE, settings.API_MAX_PAGE_SIZE)


def next_link(request, cursor):
    """The absolute address of the next page: the same query with the new cursor."""
    if cursor is None:
        return None
    query = request.GET.copy()
    query["cursor"] = cursor
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
