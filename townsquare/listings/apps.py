from django.apps import AppConfig


class ListingsConfig(AppConfig):
    name = "townsquare.listings"
    label = "listings"
    verbose_name = "生活服务信息"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import home

        home.connect_signals()
