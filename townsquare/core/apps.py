from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "townsquare.core"
    verbose_name = "平台基础"

    def ready(self):
        from django.utils.module_loading import autodiscover_modules

        # Each app may declare periodic jobs in its jobs.py (see scheduling.py).
        autodiscover_modules("jobs")
