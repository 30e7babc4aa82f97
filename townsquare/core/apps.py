from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "townsquare.core"
    verbose_name = "平台基础"

    def ready(self):
        from django.utils.module_loading import autodiscover_modules

        from . import (
            checks,  # noqa: F401 - registers the project's system checks
            viewrestrictions,
        )
        from .pagecache import pages as pagecache_pages
        from .pagecache import sql as pagecache_sql

        # Every database connection reports the tables it writes, and Wagtail the pages that change,
        # which invalidates the cached pages built from them.
        pagecache_sql.connect()
        pagecache_pages.connect()
        viewrestrictions.connect()

        # Each app may declare periodic jobs in its jobs.py (see scheduling.py).
        autodiscover_modules("jobs")

        from django.db.models.signals import post_delete, post_save

        from .models import WorkdayOverride
        from .workdays import clear_overrides_cache

        for signal in (post_save, post_delete):
            signal.connect(clear_overrides_cache, sender=WorkdayOverride, dispatch_uid=f"workdays.{signal}")
