"""公众号归档 in the admin menu, for county staff and units' staff."""

from django.urls import reverse_lazy
from wagtail import hooks

from townsquare.units.permissions import StaffMenuItem

from . import admin_views


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


@hooks.register("townsquare_home_subpage_types")
def archive_index_under_homes():
    """Archives are made by the importer; editors may still move or add one under a home page."""
    return ["archive.ArchiveIndexPage"]
