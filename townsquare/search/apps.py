from django.apps import AppConfig
from django.db.models.signals import post_migrate


class SiteSearchConfig(AppConfig):
    name = "townsquare.search"
    label = "sitesearch"
    verbose_name = "站内搜索"

    def ready(self):
        from . import signals, sources

        sources.register_defaults()
        signals.connect()
        post_migrate.connect(index_if_empty, sender=self)


def index_if_empty(sender, using="default", **kwargs):
    """A database migrated to search for the first time gets its index built (later, signals keep it)."""
    from .indexer import rebuild
    from .models import SearchDocument
    from .sources import all_sources

    if using == "default" and not SearchDocument.objects.exists():
        rebuild(all_sources())
