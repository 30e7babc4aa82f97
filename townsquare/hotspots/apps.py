from django.apps import AppConfig


class HotspotsConfig(AppConfig):
    name = "townsquare.hotspots"
    label = "hotspots"
    verbose_name = "热点问题"
