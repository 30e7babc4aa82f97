"""What a feed lists: the newest live, public publications of a column, a unit, a type, each loaded as a card is.

``newest(pages)`` takes any queryset of pages, asks the page table alone for the newest ids (one query
along the listing index), then loads them type by type through the type's ``listing()`` (bodies left
out, unit and cover renditions brought along): a fixed number of queries however long the column is.
"""

from collections import defaultdict

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page

from townsquare.publishing.models import ARTICLE_MODELS, HomeBase, SectionPage

# Type feeds: /feed/<kind>/rss/, one per kind of publication, across the whole county.
KINDS = {kind: (label, SectionPage.KIND_MODELS[kind]) for kind, label in SectionPage.Kind.choices if kind != "general"}


def publications():
    """Live publications no view restriction hides."""
    return Page.objects.live().public().type(*ARTICLE_MODELS)


def newest(pages, limit=None):
    """The newest ``limit`` (``FEED_ITEMS``) pages of ``pages``, each as its own type, newest first.

    Each carries ``feed_updated`` (its last publication), which list queries leave out.
    """
    limit = limit or settings.FEED_ITEMS
    rows = list(
        pages.order_by("-first_published_at", "-path").values_list("pk", "content_type_id", "last_published_at")[:limit]
    )
    ids_by_type = defaultdict(list)
    for pk, content_type_id, _ in rows:
        ids_by_type[content_type_id].append(pk)
    loaded = {}
    for content_type_id, ids in ids_by_type.items():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        queryset = model.listing() if hasattr(model, "listing") else model.objects.all()
        loaded.update((page.pk, page) for page in queryset.filter(pk__in=ids).order_by())
    found = []
    for pk, _, updated in rows:
        if pk in loaded:
            loaded[pk].feed_updated = updated
            found.append(loaded[pk])
    return found


def of_column(section):
    """A column's items as its page lists them: a typed column of the county home lists the whole county's."""
    home = section.county_home()
    pages = publications()
    if home is not None:
        return pages.descendant_of(home).type(section.item_model())
    return pages.child_of(section)


def of_home(home):
    """Everything published below a home: the county home's feed is the whole county's, a unit home's its own."""
    return publications().descendant_of(home)


def of_kind(kind):
    model_name = KINDS[kind][1]
    model = next(model for model in ARTICLE_MODELS if model.__name__ == model_name)
    return publications().type(model)


def has_feed(page):
    """Columns and homes (county, towns, departments) have feeds; a single publication has none."""
    return isinstance(page, SectionPage | HomeBase)
