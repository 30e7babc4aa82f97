from django.apps import AppConfig


class DisclosureRequestsConfig(AppConfig):
    name = "townsquare.disclosure_requests"
    label = "disclosure_requests"
    verbose_name = "依申请公开"
