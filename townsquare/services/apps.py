from django.apps import AppConfig


class ServicesConfig(AppConfig):
    name = "townsquare.services"
    label = "services"
    verbose_name = "办事指南"
