from django.apps import AppConfig


class WeatherConfig(AppConfig):
    name = "townsquare.weather"
    label = "weather"
    verbose_name = "天气"

    def ready(self):
        from . import jobs  # noqa: F401  (registers the periodic fetch)
