"""Keeping the index current by itself: every registered type is re-indexed when it changes.

Pages: published (new or edited), unpublished (also by expiry), deleted, moved, renamed or
put behind a view restriction. Other models: saved or deleted. The work is done in the same
transaction as the change, so the result is searchable as soon as the change is.
"""

import logging

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from . import analysis, indexer
from .models import GovTerm, Synonym
from .sources import all_sources, source_for_model

logger = logging.getLogger(__name__)


def _reindex_page(page):
    source = source_for_model(type(page))
    if source is not None:
        indexer.index_object(source, page)


def reindex_subtree(page):
    """A page and everything under it: their addresses or visibility may have changed."""
    models = tuple(source.model for source in all_sources() if source.is_page)
    for descendant in Page.objects.descendant_of(page, inclusive=True).type(*models).specific().iterator():
        _reindex_page(descendant)


def on_published(sender, instance, **kwargs):
    _reindex_page(instance.specific)


def on_unpublished(sender, instance, **kwargs):
    source = source_for_model(type(instance.specific))
    if source is not None:
        indexer.remove(source.key, [source.object_id(instance)])
    # What lies under an unpublished page is unreachable too.
    models = tuple(s.model for s in all_sources() if s.is_page)
    for child in Page.objects.descendant_of(instance).type(*models).specific().iterator():
        _reindex_page(child)


def on_moved_or_renamed(sender, instance, **kwargs):
    reindex_subtree(instance)


def on_restriction_changed(sender, instance, **kwargs):
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        reindex_subtree(page)


def on_model_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    source = source_for_model(sender)
    if source is not None:
        indexer.index_object(source, instance)


def on_deleted(sender, instance, **kwargs):
    source = source_for_model(sender)
    if source is not None:
        indexer.remove(source.key, [source.object_id(instance)])


def on_term_changed(sender, instance, **kwargs):
    analysis.DICTIONARY.mark_stale()
    word = instance.word

    def resegment():
        from .tasks import resegment_word

        resegment_word.enqueue(word)

    transaction.on_commit(resegment)


def on_dictionary_changed(sender, instance, **kwargs):
    analysis.DICTIONARY.mark_stale()


def on_synonyms_changed(sender, instance, **kwargs):
    """Synonyms are words of the dictionary too (电动自行车 is then one word): documents holding them
    are segmented again, as for a new dictionary word."""
    analysis.DICTIONARY.mark_stale()
    words = [word for word in instance.members() if " " not in word]

    def resegment():
        from .tasks import resegment_word

        for word in words:
            resegment_word.enqueue(word)

    transaction.on_commit(resegment)


def connect():
    page_published.connect(on_published, dispatch_uid="sitesearch_published")
    page_unpublished.connect(on_unpublished, dispatch_uid="sitesearch_unpublished")
    post_page_move.connect(on_moved_or_renamed, dispatch_uid="sitesearch_moved")
    page_slug_changed.connect(on_moved_or_renamed, dispatch_uid="sitesearch_slug")
    post_save.connect(on_restriction_changed, sender=PageViewRestriction, dispatch_uid="sitesearch_restrict")
    post_delete.connect(on_restriction_changed, sender=PageViewRestriction, dispatch_uid="sitesearch_unrestrict")
    for source in all_sources():
        uid = f"sitesearch_{source.key}"
        post_delete.connect(on_deleted, sender=source.model, dispatch_uid=f"{uid}_deleted")
        if not source.is_page:
            post_save.connect(on_model_saved, sender=source.model, dispatch_uid=f"{uid}_saved")
    post_save.connect(on_term_changed, sender=GovTerm, dispatch_uid="sitesearch_term_saved")
    post_delete.connect(on_term_changed, sender=GovTerm, dispatch_uid="sitesearch_term_deleted")
    post_save.connect(on_synonyms_changed, sender=Synonym, dispatch_uid="sitesearch_synonym_saved")
    post_delete.connect(on_synonyms_changed, sender=Synonym, dispatch_uid="sitesearch_synonym_deleted")
    from townsquare.units.models import Unit

    post_save.connect(on_dictionary_changed, sender=Unit, dispatch_uid="sitesearch_unit_saved")
