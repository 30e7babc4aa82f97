"""订阅 (e-mail and WeChat) in the admin: one read-only page for county staff (counts and the delivery log)."""

from django.urls import path, reverse_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from townsquare.units.access import is_county_staff

from .admin_views import SubscriptionsView

URL_NAME = "subscriptions_overview"


@hooks.register("register_admin_urls")
def subscriptions_admin_urls():
    return [path("dingyue/", SubscriptionsView.as_view(), name=URL_NAME)]


class CountyStaffMenuItem(MenuItem):
    def is_shown(self, request):
        return is_county_staff(request.user)


@hooks.register("register_settings_menu_item")
def subscriptions_menu_item():
    return CountyStaffMenuItem("订阅", reverse_lazy(URL_NAME), icon_name="mail", order=910)
