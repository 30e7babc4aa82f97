from django.apps import AppConfig


class OversightConfig(AppConfig):
    name = "townsquare.oversight"
    label = "oversight"
    verbose_name = "监管"
