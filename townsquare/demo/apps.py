from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "townsquare.demo"
    verbose_name = "示范县演示数据"
