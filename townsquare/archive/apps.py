from django.apps import AppConfig


class ArchiveConfig(AppConfig):
    name = "townsquare.archive"
    label = "archive"
    verbose_name = "归档"
