import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "townsquare.settings")
application = get_wsgi_application()


def _warm_up():
    """Load slow, lazily loaded parts (URL tables, translations, templates, content types; search's jieba and
    pypinyin data) before the first request; under gunicorn's preload_app, before the workers fork, so that they
    share them. Smart routing's classifier is not loaded here: it runs in the task worker (resident_requests.tasks)."""
    from django.conf import settings

    if settings.WEB_WARM_UP:
        from townsquare.core.warmup import warm_up as warm_up_web

        warm_up_web()
    if settings.SEARCH_WARM_UP:
        from townsquare.search.warmup import warm_up as warm_up_search

        warm_up_search()


_warm_up()
