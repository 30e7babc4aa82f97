import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "townsquare.settings")
application = get_wsgi_application()


def _warm_up():
    """Load slow, lazily loaded parts (smart routing's dictionary and model) before the first request."""
    from django.conf import settings

    if settings.ROUTING_WARM_UP:
        from townsquare.resident_requests.routing.warmup import warm_up

        warm_up()


_warm_up()
