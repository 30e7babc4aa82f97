"""Invalidating tags when what they name changes, once the change is visible to other connections.

Inside a transaction the tags are collected and bumped when it commits: a process that rebuilt a
page before the commit read the old rows, and the bump at commit makes it build again. A rolled back
transaction bumps nothing. ``PAGE_CACHE_EAGER_INVALIDATION`` also bumps at once (tests run inside a
transaction that never commits).
"""

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections, transaction

from .tags import bump


class _Pending:
    """The tags a transaction changed, bumped by this callback when it commits."""

    def __init__(self, connection):
        self.connection = connection
        self.tags = set()

    def __call__(self):
        tags, self.tags = self.tags, set()
        bump(tags)


def _pending_for(connection):
    """This transaction's collector, registered with ``on_commit`` the first time it is needed."""
    pending = getattr(connection, "_pagecache_pending", None)
    registered = pending is not None and any(callback is pending for _, callback, _ in connection.run_on_commit)
    if not registered:
        pending = _Pending(connection)
        connection._pagecache_pending = pending
        transaction.on_commit(pending, using=connection.alias)
    return pending


def invalidate(*tags, using=DEFAULT_DB_ALIAS):
    """Values built from these tags are out of date (now, or when the open transaction commits)."""
    tags = set(tags)
    if not tags:
        return
    connection = connections[using]
    if not connection.in_atomic_block:
        bump(tags)
        return
    _pending_for(connection).tags |= tags
    if settings.PAGE_CACHE_EAGER_INVALIDATION:
        bump(tags)
