from django.apps import AppConfig


class ArchiveConfig(AppConfig):
    name = "townsquare.archive"
    label = "archive"
    verbose_name = "归档"

    def ready(self):
        from townsquare.publishing import extensions

        # Archives are made by the importer; editors may still move or add one under a home page.
        extensions.allow_home_child("archive.ArchiveIndexPage")
