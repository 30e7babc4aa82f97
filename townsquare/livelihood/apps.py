from django.apps import AppConfig


class LivelihoodConfig(AppConfig):
    name = "townsquare.livelihood"
    label = "livelihood"
    verbose_name = "民生实事"
