from django.apps import AppConfig


class PrivacyConfig(AppConfig):
    name = "townsquare.privacy"
    label = "privacy"
    verbose_name = "个人信息保护"

    def ready(self):
        from . import jobs  # noqa: F401  (registers the retention job)
