from django.apps import AppConfig


class PublishingConfig(AppConfig):
    name = "townsquare.publishing"
    verbose_name = "信息发布"

    def ready(self):
        from django.db.models.signals import post_save
        from wagtail.signals import page_published, page_unpublished

        from townsquare.units.models import Unit

        from .chrome import clear_chrome_cache
        from .signals import record_major_update

        page_published.connect(record_major_update, dispatch_uid="publishing.record_major_update")
        # Titles and URLs in the header may change whenever a page goes live or away.
        page_published.connect(clear_chrome_cache, dispatch_uid="publishing.chrome_published")
        page_unpublished.connect(clear_chrome_cache, dispatch_uid="publishing.chrome_unpublished")
        post_save.connect(clear_chrome_cache, sender=Unit, dispatch_uid="publishing.chrome_unit_saved")
