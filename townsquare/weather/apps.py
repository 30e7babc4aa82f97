from django.apps import AppConfig


class WeatherConfig(AppConfig):
    name = "townsquare.weather"
    label = "weather"
    verbose_name = "天气"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from . import jobs  # noqa: F401  (registers the periodic fetch)
        from .models import WeatherLocation
        from .summary import clear_summary_cache

        post_save.connect(clear_summary_cache, sender=WeatherLocation, dispatch_uid="weather_summary_on_save")
        post_delete.connect(clear_summary_cache, sender=WeatherLocation, dispatch_uid="weather_summary_on_delete")
