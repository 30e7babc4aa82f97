from django.apps import AppConfig


class DisclosureConfig(AppConfig):
    name = "townsquare.disclosure"
    label = "disclosure"
    verbose_name = "政务公开"

    def ready(self):
        from . import signals  # noqa: F401  (catalogue entries on publish)
