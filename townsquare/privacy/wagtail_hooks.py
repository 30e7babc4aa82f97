"""个人信息保护 in the Wagtail admin: the access log search, for county staff (supervisors) only.

Hook defined here: ``townsquare_personal_data`` — each app that stores residents' personal data
registers ``anonymise_closed(before)`` (see ``retention.py``).
"""

from django.urls import path, reverse_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from townsquare.units.access import is_county_staff

from .views import AccessLogView

ACCESS_LOG_URL_NAME = "privacy_access_log"


@hooks.register("register_admin_urls")
def privacy_admin_urls():
    return [path("yinsi/access-log/", AccessLogView.as_view(), name=ACCESS_LOG_URL_NAME)]


class SupervisorMenuItem(MenuItem):
    def is_shown(self, request):
        return is_county_staff(request.user)


@hooks.register("register_settings_menu_item")
def access_log_menu_item():
    return SupervisorMenuItem("个人信息查看记录", reverse_lazy(ACCESS_LOG_URL_NAME), icon_name="history", order=900)
