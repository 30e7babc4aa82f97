from django.apps import AppConfig


class ResidentRequestsConfig(AppConfig):
    name = "townsquare.resident_requests"
    label = "resident_requests"
    verbose_name = "我要留言"
