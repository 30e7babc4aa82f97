from django.apps import AppConfig


class ResidentRequestsConfig(AppConfig):
    name = "townsquare.resident_requests"
    label = "resident_requests"
    verbose_name = "我要留言"

    def ready(self):
        from django.core.signals import request_started
        from django.db.models.signals import post_delete, post_save

        from townsquare.core.privacy import register_public_contacts

        from . import public_numbers, stats_cache

        # Units' own numbers and the hotlines stay visible in masked text (staff replies say where to call).
        register_public_contacts(public_numbers.public_contacts)
        # Any save: the hooks that name the source models are read only once the app registry is ready.
        post_save.connect(public_numbers.forget_if_source, dispatch_uid="rr_public_numbers_save")
        post_delete.connect(public_numbers.forget_if_source, dispatch_uid="rr_public_numbers_delete")
        request_started.connect(public_numbers.forget_memo, dispatch_uid="rr_public_numbers_request")
        # Cached statistics are forgotten when a request, a decline, a category or a unit changes.
        stats_cache.connect_signals()
