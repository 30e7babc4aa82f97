"""Dependency tags and their versions, shared by every process through the page cache.

A tag names something a cached value was built from: a database table (``table:<name>``), a page
and the lists below it (``path:<tree path>``, ``under:<tree path>``), or a named piece such as the
site navigation (``nav``). Each tag has a version, a random token in the shared cache; a cached value
remembers the versions it was built with and is used only while they are all still current.
``invalidate(tag)`` gives the tag a new token, which every process sees at its next read.

While a value is being built, ``recording()`` collects the tags it reads: code calls
``depends_on()``, ``valid_until()`` caps how long the value stays right (a listing's expiry, a
deadline), and the SQL watcher (``sql.py``) adds the tables each query reads. A tag's version is
read when the tag is first recorded, before the rows it names are read: a change committed while
the value is being built leaves it with the older version, so it is not used again.
"""

import contextvars
import logging
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.core.cache import caches

from . import reads
from .reads import VERSION_PREFIX

logger = logging.getLogger(__name__)


@dataclass
class Recording:
    """What one value being built has read so far."""

    versions: dict = field(default_factory=dict)  # tag -> version seen before reading what it names
    until: datetime | None = None
    # Inside a Wagtail page's serve, page tables are covered by tree tags, not by ``table:`` tags.
    page_tree_tags: bool = False
    uncacheable: bool = False


_stack: contextvars.ContextVar[tuple] = contextvars.ContextVar("pagecache_recordings", default=())


def tag_cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def current():
    """The innermost recording, or None when nothing is being built."""
    stack = _stack.get()
    return stack[-1] if stack else None


@contextmanager
def recording():
    """Collect the tags read inside the block; nested recordings pass theirs to the outer ones."""
    record = Recording()
    outer = current()
    if outer is not None:
        record.page_tree_tags = outer.page_tree_tags
    token = _stack.set(_stack.get() + (record,))
    try:
        yield record
    finally:
        _stack.reset(token)
        if outer is not None:
            for tag, version in record.versions.items():
                outer.versions.setdefault(tag, version)
            if record.until is not None:
                _cap(outer, record.until)
            outer.uncacheable |= record.uncacheable


def depends_on(*tags):
    """The value being built (page, fragment) reads what these tags name."""
    stack = _stack.get()
    missing = {tag for record in stack for tag in tags if tag not in record.versions}
    if not missing:
        return
    known = {}
    for record in stack:
        known.update({tag: v for tag, v in record.versions.items() if tag in missing})
    known.update(versions(missing - known.keys()))
    for record in stack:
        for tag in missing:
            record.versions.setdefault(tag, known[tag])


def valid_until(moment):
    """The value being built stops being right at ``moment`` (an expiry, a deadline)."""
    if moment is None:
        return
    for record in _stack.get():
        _cap(record, moment)


def do_not_cache():
    """The value being built is for this visitor alone."""
    for record in _stack.get():
        record.uncacheable = True


def _cap(record, moment):
    if record.until is None or moment < record.until:
        record.until = moment


def table_tag(model_or_table):
    table = model_or_table if isinstance(model_or_table, str) else model_or_table._meta.db_table
    return f"table:{table}"


def path_tags(path):
    """A page and each of its ancestors, by tree path (4 characters a level): breadcrumbs, titles."""
    return [f"path:{path[:end]}" for end in range(4, len(path) + 1, 4)]


def remembered(stored):
    """A cached value's tags replayed into the values being built around it (a fragment in a page)."""
    for record in _stack.get():
        for tag, version in stored.items():
            record.versions.setdefault(tag, version)


def under_tag(path):
    """The live pages below the page at ``path``: lists of its children or descendants."""
    return f"under:{path}"


def type_tag(model):
    """Live pages of one type anywhere in the tree: a list not scoped to a subtree declares it."""
    return f"type:{model._meta.label_lower}"


def versions(tags):
    """The current token of each tag; a tag seen for the first time (or evicted) gets one now."""
    if not tags:
        return {}
    keys = {VERSION_PREFIX + tag: tag for tag in tags}
    try:
        cache = tag_cache()
        found = reads.get_many(list(keys))
        result = {keys[key]: value for key, value in found.items()}
        for key, tag in keys.items():
            if tag not in result:
                token = uuid.uuid4().hex[:16]
                result[tag] = token if cache.add(key, token, None) else (cache.get(key) or token)
                reads.written({key: result[tag]})
    except Exception:  # no shared cache: versions nothing will match, so nothing built now is reused
        logger.warning("page cache unavailable: tag versions unknown", exc_info=True)
        return {tag: "unavailable" for tag in tags}
    return result


def still_current(stored):
    """Whether every tag still has the version a value was built with."""
    if not stored:
        return True
    found = reads.get_many([VERSION_PREFIX + tag for tag in stored])
    return all(found.get(VERSION_PREFIX + tag) == version for tag, version in stored.items())


def bump(tags):
    """New tokens for these tags: values built from them are not used again, in any process."""
    if not tags:
        return
    try:
        new = {VERSION_PREFIX + tag: uuid.uuid4().hex[:16] for tag in tags}
        tag_cache().set_many(new, None)
        reads.written(new)
    except Exception:  # a cache that fails must not fail the write; entries expire after PAGE_CACHE_SECONDS
        logger.warning("page cache unavailable: %s not invalidated", ", ".join(sorted(tags)), exc_info=True)
