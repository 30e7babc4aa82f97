from django.apps import AppConfig


class VisitsConfig(AppConfig):
    name = "townsquare.visits"
    label = "visits"
    verbose_name = "访问量"
