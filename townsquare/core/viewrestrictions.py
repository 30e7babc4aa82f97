"""Pages' view restrictions without two queries per page served.

Wagtail checks every page served for restrictions on it and its ancestors (two queries: the
ancestors, to follow aliases, then the restrictions). A county's public site has none or a few, so
which pages carry one, and which pages are aliases, are kept as one remembered value; a page with
no restricted or aliased page on its path gets an empty queryset without asking the database.
"""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import post_page_move

from . import pagecache

# Bumped when an alias page is created or deleted, or any page moves (restricted pages are kept by path).
PATHS_TAG = "view-restriction-paths"


def _restricted_and_aliased():
    restricted = frozenset(PageViewRestriction.objects.values_list("page__path", flat=True))
    aliased = frozenset(Page.objects.filter(alias_of__isnull=False).values_list("path", flat=True))
    return restricted, aliased


def may_be_restricted(page):
    """Whether a restriction may apply to ``page``: one on its path, or an alias on it to follow."""
    restricted, aliased = pagecache.remember(
        "view-restrictions", _restricted_and_aliased, timeout=24 * 3600, pages=(PATHS_TAG,)
    )
    if not restricted:
        return False
    on_path = {page.path[:end] for end in range(page.steplen, len(page.path) + 1, page.steplen)}
    return bool(on_path & (restricted | aliased))


class CachedViewRestrictionsMixin:
    """For page models: ``get_view_restrictions()`` answers "none" from the remembered table when it can."""

    def get_view_restrictions(self):
        if not may_be_restricted(self):
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()


def _alias_changed(sender, instance, **kwargs):
    if isinstance(instance, Page) and instance.alias_of_id is not None:
        pagecache.invalidate(PATHS_TAG)


def _page_moved(sender, **kwargs):
    pagecache.invalidate(PATHS_TAG)


def connect():
    post_page_move.connect(_page_moved, dispatch_uid="viewrestrictions.page_moved")
    post_save.connect(_alias_changed, dispatch_uid="viewrestrictions.alias_saved")
    post_delete.connect(_alias_changed, dispatch_uid="viewrestrictions.alias_deleted")
