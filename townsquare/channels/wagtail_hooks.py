"""渠道账号 in the admin menu, for every member of staff (each sees their own units' channels)."""

from django.urls import reverse_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from townsquare.units.access import is_staff_member

from . import admin_views


@hooks.register("register_admin_urls")
def channels_admin_urls():
    return admin_views.admin_urls()


class ChannelsMenuItem(MenuItem):
    def is_shown(self, request):
        return is_staff_member(request.user)


@hooks.register("register_admin_menu_item")
def channels_menu_item():
    return ChannelsMenuItem(
        "渠道账号", reverse_lazy(admin_views.INDEX_URL_NAME), name="channels", icon_name="globe", order=170
    )
