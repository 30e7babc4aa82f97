"""Which tables a cached value read, and which tables a write changed, seen in the SQL itself.

Reading every statement means no list, template tag or helper has to remember to declare the
tables it reads, and a write through ``QuerySet.update()`` or raw SQL (which send no signals)
still invalidates. Page tables are the exception on both sides: drafts, locks and revisions write
them without changing what visitors see, so pages are invalidated by Wagtail's publishing signals
(``publishing/invalidation.py``) with tree tags instead.
"""

import re
from contextlib import ExitStack, contextmanager
from functools import cache

from django.apps import apps
from django.db import connections
from django.db.backends.signals import connection_created

from .invalidation import invalidate
from .tags import current, depends_on, recording, table_tag

READ_TABLES = re.compile(r'\b(?:FROM|JOIN)\s+"?(\w+)"?', re.IGNORECASE)
WRITTEN_TABLE = re.compile(
    r'^\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE(?:\s+OR\s+\w+)?|DELETE\s+FROM|REPLACE\s+INTO)\s+"?(\w+)"?',
    re.IGNORECASE,
)
# Written on nearly every request or job and never shown on a public page.
UNWATCHED_WRITES = frozenset({"django_session", "core_jobrun", "sitesearch_querylog", "sitesearch_querysighting"})
# Any page change: what a view outside the page tree depends on when it reads page tables.
PAGES_TAG = "pages"


@cache
def page_tables():
    from wagtail.models import Page

    return frozenset(model._meta.db_table for model in apps.get_models() if issubclass(model, Page))


def _record_reads(execute, sql, params, many, context):
    record = current()
    if record is not None and sql.lstrip()[:4].upper() in ("SELE", "WITH"):
        tags = set()
        pages = page_tables()
        for table in READ_TABLES.findall(sql):
            if table in pages:
                if not record.page_tree_tags:
                    tags.add(PAGES_TAG)
            else:
                tags.add(table_tag(table))
        depends_on(*tags)
    return execute(sql, params, many, context)


def _record_writes(execute, sql, params, many, context):
    result = execute(sql, params, many, context)
    match = WRITTEN_TABLE.match(sql)
    if match:
        table = match.group(1)
        if table not in UNWATCHED_WRITES and table not in page_tables():
            invalidate(table_tag(table), using=context["connection"].alias)
    return result


def watch_writes(sender, connection, **kwargs):
    """``connection_created`` receiver: every connection reports the tables it writes."""
    if _record_writes not in connection.execute_wrappers:
        # First in the list: ``execute_wrapper()`` blocks pop the last one when they end.
        connection.execute_wrappers.insert(0, _record_writes)


def connect():
    connection_created.connect(watch_writes, dispatch_uid="pagecache.watch_writes")
    for connection in connections.all(initialized_only=True):
        watch_writes(None, connection)


@contextmanager
def building(pages=()):
    """Record what the block reads: declared tags, and the tables of every query on every database.

    ``pages``: tags standing for the pages the block reads, which then records no page tables itself.
    """
    outermost = current() is None
    with recording() as record, ExitStack() as stack:
        if pages:
            record.page_tree_tags = True
            depends_on(*pages)
        if outermost:
            for connection in connections.all():
                stack.enter_context(connection.execute_wrapper(_record_reads))
        yield record
