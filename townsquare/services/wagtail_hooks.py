"""Admin: 人生事件 as a snippet (registered in models) and the 办事指南完整性 report for editors."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import admin_views


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("banshi/wanzhengxing/", admin_views.completeness_report, name="services_completeness")]


class CompletenessMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.can_see_report(request.user)


@hooks.register("register_reports_menu_item")
def register_completeness_menu_item():
    return CompletenessMenuItem("办事指南完整性", reverse("services_completeness"), icon_name="tasks", order=900)


@hooks.register("register_admin_viewset")
def register_guide_viewset():
    return admin_views.ServiceGuidePageViewSet()
