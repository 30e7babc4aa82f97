from django.apps import AppConfig


class ServicesConfig(AppConfig):
    name = "townsquare.services"
    label = "services"
    verbose_name = "办事指南"

    def ready(self):
        from townsquare.publishing import extensions

        from .provisioning import ensure_service_index

        extensions.allow_home_child("services.ServiceIndexPage")
        extensions.register_unit_provisioner(ensure_service_index)
