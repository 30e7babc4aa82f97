"""公众号归档 in the admin menu, for county staff and units' staff."""

from django.urls import reverse_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views, services


class StaffMenuItem(MenuItem):
    def is_shown(self, request):
        return services.importable_units(request.user).exists()


@hooks.register("register_admin_urls")
def archive_admin_urls():
    return admin_views.admin_urls()


@hooks.register("register_admin_menu_item")
def archive_menu_item():
    return StaffMenuItem(
        "公众号归档",
        reverse_lazy(admin_views.LIST_URL_NAME),
        name="archive-imports",
        icon_name="folder-inverse",
        order=175,
    )
