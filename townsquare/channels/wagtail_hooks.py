"""渠道账号 in the admin menu, for every member of staff (each sees their own units' channels).

Hook offered: ``townsquare_channel_links`` — fn(channel, user) -> [(label, url)], buttons on a channel's admin
page (the relays app's 同步与推送).
"""

from django.urls import reverse_lazy
from wagtail import hooks

from townsquare.units.permissions import StaffMenuItem

from . import admin_views


@hooks.register("register_admin_urls")
def channels_admin_urls():
    return admin_views.admin_urls()


@hooks.register("register_admin_menu_item")
def channels_menu_item():
    return StaffMenuItem(
        "渠道账号", reverse_lazy(admin_views.INDEX_URL_NAME), name="channels", icon_name="globe", order=170
    )
