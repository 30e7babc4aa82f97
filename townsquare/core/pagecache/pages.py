"""Invalidating pages when the page tree changes as visitors see it.

A change to a live page invalidates the page itself and everything below it (``path:`` tags:
titles in breadcrumbs, URLs), the lists of each of its ancestors (``under:`` tags), lists that
declared its type (``type:`` tags) and views outside the tree that read pages (``pages``). Saving a
draft, locking a page or scheduling it changes nothing visitors see, and invalidates nothing.
"""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move, pre_page_move

from .invalidation import invalidate
from .sql import PAGES_TAG
from .tags import type_tag, under_tag

# Fields Wagtail saves on a live page for the editors' sake: what visitors see stays the same.
EDITORIAL_FIELDS = frozenset(
    {
        "latest_revision",
        "latest_revision_created_at",
        "has_unpublished_changes",
        "draft_title",
        "locked",
        "locked_at",
        "locked_by",
        "go_live_at",
        "expire_at",
        "numchild",
    }
)


def change_tags(page):
    path = page.path
    ancestors = [under_tag(path[:end]) for end in range(4, len(path), 4)]
    return {PAGES_TAG, f"path:{path}", *ancestors, type_tag(type(page)), type_tag(Page)}


def page_changed(sender, instance, **kwargs):
    invalidate(*change_tags(instance))


def page_moved(sender, instance, parent_page_after=None, **kwargs):
    tags = change_tags(instance)
    if parent_page_after is not None:
        parent = parent_page_after.path
        tags |= {under_tag(parent[:end]) for end in range(4, len(parent) + 1, 4)}
    invalidate(*tags)


def page_saved(sender, instance, update_fields=None, **kwargs):
    if not isinstance(instance, Page) or not instance.live:
        return
    if update_fields is not None and set(update_fields) <= EDITORIAL_FIELDS:
        return
    page_changed(sender, instance)


def page_deleted(sender, instance, **kwargs):
    if isinstance(instance, Page):
        page_changed(sender, instance)


def connect():
    page_published.connect(page_changed, dispatch_uid="pagecache.published")
    page_unpublished.connect(page_changed, dispatch_uid="pagecache.unpublished")
    # Before the move: the old place's lists and the page's old path; after it: the new place's.
    pre_page_move.connect(page_changed, dispatch_uid="pagecache.pre_move")
    post_page_move.connect(page_moved, dispatch_uid="pagecache.post_move")
    post_save.connect(page_saved, dispatch_uid="pagecache.saved")
    post_delete.connect(page_deleted, dispatch_uid="pagecache.deleted")
