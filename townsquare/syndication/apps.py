from django.apps import AppConfig


class SyndicationConfig(AppConfig):
    name = "townsquare.syndication"
    label = "syndication"
    verbose_name = "订阅与站点地图"
