"""The shared cache of pages and fragments, invalidated precisely (see ``tags.py``).

What other apps use:
- ``depends_on(*tags)`` / ``valid_until(moment)`` / ``do_not_cache()`` while a page is built;
- ``remember(key, compute, timeout)`` for a fragment or a computed value (``next_midnight()`` to end it with the day);
- ``invalidate(*tags)`` when something a tag names changes outside the database tables (tables
  written through the ORM or raw SQL are invalidated by themselves);
- ``table_tag(model)``, ``path_tags(path)``, ``under_tag(path)``, ``type_tag(page model)`` to name tags.
"""

from .invalidation import invalidate
from .tags import depends_on, do_not_cache, path_tags, table_tag, type_tag, under_tag, valid_until
from .values import next_midnight, remember

__all__ = [
    "depends_on",
    "do_not_cache",
    "invalidate",
    "next_midnight",
    "path_tags",
    "remember",
    "table_tag",
    "type_tag",
    "under_tag",
    "valid_until",
]
