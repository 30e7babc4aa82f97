"""页面反馈 in the admin (answers per page, scoped to the editor's units) and on every public page.

Hooks this app fills:
- ``townsquare_page_end`` (core's base template, ``{% page_end %}``): the 这个页面对您有帮助吗？ widget;
- ``register_admin_urls`` / ``register_admin_menu_item``: 页面反馈 (``admin_views.py``).
监管 reads ``reports.unhelpful_pages``.
"""

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse_lazy
from wagtail import hooks

from townsquare.units.permissions import StaffMenuItem

from . import admin_views
from .forms import AnswerForm
from .views import THANKED_QUERY


@hooks.register("townsquare_page_end")
def feedback_widget(request, page):
    if getattr(request, "is_preview", False):
        return ""
    form = AnswerForm(initial={"path": request.path, "page": page.pk if page else None}, auto_id="page-feedback-%s")
    context = {
        "form": form,
        "thanked": request.GET.get(THANKED_QUERY) == "1",
        "max_chars": settings.FEEDBACK_MISSING_MAX_CHARS,
    }
    return render_to_string("feedback/widget.html", context)


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
