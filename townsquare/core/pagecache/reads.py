"""One request's reads of the shared cache, in as few round trips as it can.

Answering a page reads the shared cache many times: the page's entry and its tags' versions, the site's
versions, each remembered fragment or value and its tags' versions, the version of each table the SQL
watcher sees for the first time. With Redis each read is a round trip, which a sync worker spends waiting.
While a request runs inside ``request_reads()``, every read of ``tags.py`` and ``values.py`` goes through
one snapshot: a key read once is not read again, and the first read also brings, in the same
``get_many``, the keys this process saw the last request of the same address read (its footprint; the
values among them only when the page is to be built, not when its entry may answer). A cached page is then
one read; a page built from kept fragments, one or two.

Reading a version or a value earlier in the request is as good as reading it when needed: a value built
from versions read earlier is stored with those versions and is not used again if one of them has
changed since (``tags.py``). What the request itself writes (a tag bumped, a value kept) replaces what the
snapshot holds. Outside a request (jobs, the shell, tests calling the functions) reads go straight to
the cache.
"""

import contextvars
from contextlib import contextmanager

from django.conf import settings
from django.core.cache import caches

VERSION_PREFIX = "tv:"  # a tag's version is kept under this prefix and the tag (tags.py)
MISSING = object()
# Addresses whose footprint a process keeps; past that it starts again (memory stays bounded).
MAX_FOOTPRINTS = 2000

_footprints = {}  # footprint key (the page's cache key) -> frozenset of keys its last request read
_current = contextvars.ContextVar("pagecache_reads", default=None)


class Snapshot:
    """What this request has read, and the keys to bring along with its next read."""

    def __init__(self, footprint):
        self.footprint = footprint
        self.found = {}  # key -> value, or MISSING when the cache has none
        self.asked = set()
        self.along = {key for key in footprint if key.startswith(VERSION_PREFIX)}
        self.built = False

    def building(self):
        """The page is built: its values, not only its versions, come along with the next read."""
        self.built = True
        self.along |= self.footprint

    def fetch(self, keys):
        wanted = [key for key in keys if key not in self.found]
        if not wanted:
            return
        wanted += [key for key in self.along - self.found.keys() if key not in wanted]
        self.along = set()
        got = _shared_cache().get_many(wanted)
        for key in wanted:
            self.found[key] = got.get(key, MISSING)

    def next_footprint(self):
        return frozenset(self.asked if self.built else self.asked | self.footprint)


def _shared_cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def get_many(keys):
    """``get_many`` of the shared cache, through the request's snapshot when there is one."""
    snapshot = _current.get()
    if snapshot is None:
        return _shared_cache().get_many(keys)
    snapshot.asked.update(keys)
    snapshot.fetch(keys)
    return {key: value for key in keys if (value := snapshot.found[key]) is not MISSING}


def get(key):
    return get_many([key]).get(key)


def written(values):
    """The request wrote these keys (a kept value, new versions): later reads see what it wrote."""
    snapshot = _current.get()
    if snapshot is not None:
        snapshot.found.update(values)


def building():
    """The request builds its page: bring the values its footprint lists with the next read."""
    snapshot = _current.get()
    if snapshot is not None:
        snapshot.building()


@contextmanager
def request_reads(footprint_key):
    """Reads inside the block share one snapshot; the keys they read become the address's footprint."""
    snapshot = Snapshot(_footprints.get(footprint_key, frozenset()))
    token = _current.set(snapshot)
    try:
        yield snapshot
    finally:
        _current.reset(token)
        if snapshot.asked:
            if footprint_key not in _footprints and len(_footprints) >= MAX_FOOTPRINTS:
                _footprints.clear()
            _footprints[footprint_key] = snapshot.next_footprint()
