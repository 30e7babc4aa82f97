"""Re-title archive pages imported with the inline title script of older saved WeChat pages as title.

Saved pages of about 2018 write their title with ``document.write`` for iOS inside the title element;
imports before this was handled took that script as the title. The script still holds the title, so
it is taken from there: on the page, its revisions (so a later edit or publish keeps it), the
import report, and the search index.
"""

from django.db import transaction
from django.db.models import Q
from wagtail.search.index import insert_or_update_object
from wagtail.signals import page_published

from ..models import ArchivePage, ImportRunItem
from .wechat import looks_like_title_script, title_from_script


def _retitle_revisions(page, title):
    for revision in page.revisions.all():
        content = revision.content
        if looks_like_title_script(content.get("title", "")):
            content["title"] = title
            content["draft_title"] = title
            revision.content = content
            revision.object_str = title
            revision.save(update_fields=["content", "object_str"])


@transaction.atomic
def retitle_page(page, title):
    ArchivePage.objects.filter(pk=page.pk).update(title=title, draft_title=title)
    page.title = page.draft_title = title
    _retitle_revisions(page, title)
    ImportRunItem.objects.filter(page=page).update(title=title[:255])
    insert_or_update_object(page)
    if page.live:
        page_published.send(sender=ArchivePage, instance=page, revision=page.live_revision)


def retitle_script_titles(dry_run=False):
    """Re-title every page whose title is the title script: ([(page, new title)], [pages left to staff])."""
    fixed, left = [], []
    suspects = ArchivePage.objects.filter(
        Q(title__contains="document.write") | Q(title__contains="navigator.userAgent")
    )
    for page in suspects.select_related("live_revision").order_by("pk"):
        if not looks_like_title_script(page.title):
            continue
        title = title_from_script(page.title)[:255]
        if not title:
            left.append(page)
            continue
        if not dry_run:
            retitle_page(page, title)
        fixed.append((page, title))
    return fixed, left
