from django.apps import AppConfig


class RelaysConfig(AppConfig):
    name = "townsquare.relays"
    label = "relays"
    verbose_name = "同步与推送"

    def ready(self):
        from wagtail.signals import page_published, page_unpublished

        from .signals import page_was_published, page_was_unpublished

        page_published.connect(page_was_published, dispatch_uid="relays.published")
        page_unpublished.connect(page_was_unpublished, dispatch_uid="relays.unpublished")
