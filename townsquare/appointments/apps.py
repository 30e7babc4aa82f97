from django.apps import AppConfig


class AppointmentsConfig(AppConfig):
    name = "townsquare.appointments"
    label = "appointments"
    verbose_name = "预约办理"

    def ready(self):
        from . import signals

        signals.connect()
