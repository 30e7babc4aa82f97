from django.apps import AppConfig


class PublishingConfig(AppConfig):
    name = "townsquare.publishing"
    verbose_name = "信息发布"

    def ready(self):
        from django.db.models.signals import post_delete, post_save
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from .chrome import home_page_changed
        from .signals import record_major_update

        page_published.connect(record_major_update, dispatch_uid="publishing.record_major_update")
        # The header lists the home pages: their titles and URLs change when one goes live, away or moves.
        signals = {"published": page_published, "unpublished": page_unpublished, "moved": post_page_move}
        signals |= {"saved": post_save, "deleted": post_delete}
        for name, signal in signals.items():
            signal.connect(home_page_changed, dispatch_uid=f"publishing.nav_{name}")
