from django.apps import AppConfig


class ScreeningConfig(AppConfig):
    name = "townsquare.screening"
    label = "screening"
    verbose_name = "发布前审查"
