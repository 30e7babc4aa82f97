"""页面反馈 in the admin (answers per page, scoped to the editor's units) and on every public page.

Hooks this app fills:
- ``townsquare_page_end`` (core's base template, ``{% page_end %}``): the 这个页面对您有帮助吗？ widget;
- ``register_admin_urls`` / ``register_admin_menu_item``: 页面反馈 (``admin_views.py``).
监管 reads ``reports.unhelpful_pages``.
"""

from functools import lru_cache

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template.loader import render_to_string
from django.urls import get_script_prefix, reverse_lazy
from django.utils.html import escape
from django.utils.safestring import mark_safe
from wagtail import hooks

from townsquare.units.permissions import StaffMenuItem

from . import admin_views
from .forms import AnswerForm
from .views import THANKED_QUERY

# Stand-ins for the address and the page id in the widget rendered once per process (escaping leaves them as
# they are); each page's widget is that HTML with its own values put in.
PATH_MARK = "page-feedback-path-mark"
PAGE_MARK = "page-feedback-page-mark"


@lru_cache(maxsize=8)
def _widget_html(thanked, on_page, script_prefix):
    initial = {"path": PATH_MARK, "page": PAGE_MARK if on_page else None}
    context = {
        "form": AnswerForm(initial=initial, auto_id="page-feedback-%s"),
        "thanked": thanked,
        "max_chars": settings.FEEDBACK_MISSING_MAX_CHARS,
    }
    return str(render_to_string("feedback/widget.html", context))


@receiver(setting_changed)
def _forget_widget(setting, **kwargs):
    if setting in ("STATIC_URL", "STORAGES", "FEEDBACK_MISSING_MAX_CHARS", "ROOT_URLCONF"):
        _widget_html.cache_clear()


@hooks.register("townsquare_page_end")
def feedback_widget(request, page):
    """The same for every visitor of an address: rendered once, then only the address and page id change."""
    if getattr(request, "is_preview", False):
        return ""
    thanked = request.GET.get(THANKED_QUERY) == "1"
    html = _widget_html(thanked, page is not None, get_script_prefix()).replace(PATH_MARK, escape(request.path))
    if page is not None:
        html = html.replace(PAGE_MARK, str(page.pk))
    return mark_safe(html)


@hooks.register("register_admin_urls")
def feedback_admin_urls():
    return admin_views.admin_urls()


@hooks.register("register_admin_menu_item")
def feedback_menu_item():
    return StaffMenuItem(
        "页面反馈",
        reverse_lazy(admin_views.INDEX_URL_NAME),
        name="page-feedback",
        icon_name="comment",
        order=337,
    )
