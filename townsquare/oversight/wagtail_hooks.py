"""Admin entry points of oversight (监管). The annual report registers its own in annual/hooks.py."""

from django.urls import reverse_lazy
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem

from .annual import hooks as annual_hooks  # noqa: F401 - Wagtail autodiscovers only wagtail_hooks modules
from .plain_language import advise_page
from .views import DASHBOARD_URL_NAME, admin_urls, can_see_dashboard


@hooks.register("register_admin_urls")
def oversight_admin_urls():
    return admin_urls()


class DashboardMenuItem(MenuItem):
    def is_shown(self, request):
        return can_see_dashboard(request.user)


@hooks.register("register_admin_menu_item")
def oversight_menu_item():
    return DashboardMenuItem("监管", reverse_lazy(DASHBOARD_URL_NAME), name="oversight", icon_name="warning", order=900)


@hooks.register("before_edit_page")
def plain_language_advice(request, page):
    """说人话 advice at the top of the page editor; advice only, it never stops saving or publishing."""
    if request.method != "GET" or not hasattr(page, "summary"):
        return None
    for advice in advise_page(page):  # the latest draft, as the editor shows it
        messages.warning(request, f"说人话建议：{advice.message}")
    return None
