from django.apps import AppConfig


class SubscriptionsConfig(AppConfig):
    name = "townsquare.subscriptions"
    label = "subscriptions"
    verbose_name = "订阅"

    def ready(self):
        from . import jobs, triggers  # noqa: F401  (registers the periodic jobs)

        triggers.connect()
