"""依申请公开 in the Wagtail admin, and the hooks this app provides to others.

Provides:
- ``townsquare_disclosure_application``: fn(unit) -> [(label, url)] — 在线申请 (the form with ?unit=), 申请查询,
  申请统计; the 政府信息公开 section shows them under 依申请公开.
- ``townsquare_request_actions`` (read by resident_requests): 转为依申请公开 on a 我要留言 request.
- ``townsquare_personal_data``: anonymising closed applications (personal_data.py).
"""

from django.urls import reverse, reverse_lazy
from django.utils.http import urlencode
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from townsquare.units.access import is_staff_member, may_act_on

from . import admin_views, personal_data, transfer


@hooks.register("register_admin_urls")
def disclosure_admin_urls():
    return admin_views.admin_urls()


class InboxMenuItem(MenuItem):
    def is_shown(self, request):
        return is_staff_member(request.user)


@hooks.register("register_admin_menu_item")
def disclosure_menu_item():
    return InboxMenuItem(
        "依申请公开", reverse_lazy(admin_views.INBOX), name="disclosure-requests", icon_name="doc-full", order=155
    )


@hooks.register("townsquare_disclosure_application")
def disclosure_application_links(unit):
    apply_url = reverse("disclosure_requests:apply")
    stats_url = reverse("disclosure_requests:stats")
    return [
        ("在线申请", f"{apply_url}?{urlencode({'unit': unit.slug})}" if unit is not None else apply_url),
        ("申请查询", reverse("disclosure_requests:query")),
        ("申请统计", f"{stats_url}?{urlencode({'unit': unit.slug})}" if unit is not None else stats_url),
    ]


@hooks.register("townsquare_request_actions")
def transfer_action(request, resident_request):
    linked = getattr(resident_request, "disclosure_application", None)
    if linked is not None:
        url = reverse(admin_views.DETAIL, args=[linked.pk])
        return [{"label": f"已转为依申请公开 {linked.tracking_number}", "url": url, "method": "get"}]
    if not may_act_on(request.user, resident_request.unit_id, media_center=True):
        return []
    if not transfer.can_transfer(resident_request):
        return []
    url = reverse("disclosure_from_message", args=[resident_request.pk])
    return [{"label": "转为依申请公开", "url": url, "method": "post"}]


hooks.register("townsquare_personal_data", personal_data.anonymise_closed)
