"""Loading what every public request needs before gunicorn forks its workers (``townsquare/wsgi.py``).

Django and Wagtail load several things on first use, in each process: the URL resolver's tables (and
the view modules they import), the translation catalogues, every template (compiled once per process
by the cached loader), the content types. Under gunicorn's ``preload_app`` the master loads the
application once; what it loads there the workers share (copy-on-write) instead of each building its
own copy on its first requests. Templates compiled here are only those of Townsquare's own apps and
the project's templates: Wagtail's admin templates stay loaded on demand (a public worker seldom
needs them, and loading them in every process would cost more than it saves).
"""

import logging
import time
from pathlib import Path

from django.apps import apps
from django.conf import settings

logger = logging.getLogger(__name__)

PROJECT_PACKAGE = "townsquare."
TEMPLATE_SUFFIXES = (".html", ".txt", ".xml")


def template_names():
    """The names of the templates of Townsquare's apps (admin pages of the apps included: they are few)."""
    names = set()
    for config in apps.get_app_configs():
        if not config.name.startswith(PROJECT_PACKAGE):
            continue
        folder = Path(config.path) / "templates"
        if folder.is_dir():
            names.update(
                path.relative_to(folder).as_posix()
                for path in folder.rglob("*")
                if path.suffix in TEMPLATE_SUFFIXES and path.is_file()
            )
    return sorted(names)


def compile_templates():
    """Compile every template of Townsquare's apps into the cached loader; returns how many were."""
    from django.template import TemplateDoesNotExist, TemplateSyntaxError
    from django.template.loader import get_template

    compiled = 0
    for name in template_names():
        try:
            get_template(name)
        except (TemplateDoesNotExist, TemplateSyntaxError):
            continue  # a partial of another engine or a file that is not a template: left to its user
        compiled += 1
    return compiled


def load_routing_tables():
    """Build the URL resolver's tables (which imports every view module)."""
    from django.urls import get_resolver

    get_resolver().reverse_dict  # noqa: B018 — populating is the point


def load_translations():
    """Load the catalogues of the site's language (Django's, Wagtail's and the project's)."""
    from django.utils import translation

    with translation.override(settings.LANGUAGE_CODE):
        translation.gettext("Home")


def load_content_types():
    """Every model's content type, in one query (Wagtail asks for them by id on every page)."""
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.get_for_models(*apps.get_models())


STEPS = (load_routing_tables, load_translations, compile_templates, load_content_types)


def warm_up():
    """Run each step; returns the seconds it took. Never raises: a step that fails is logged and skipped."""
    started = time.perf_counter()
    for step in STEPS:
        try:
            step()
        except Exception:  # a slow first request is better than a web process that does not start
            logger.exception("web warm-up step %s failed; the first request will load it", step.__name__)
    return time.perf_counter() - started
