"""Admin: 人生事件 as a snippet (registered in models) and the 办事指南完整性 report for editors."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from townsquare.core.life import LifeService
from townsquare.units.access import is_staff_member

from . import admin_views
from .provisioning import ensure_service_index


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("banshi/wanzhengxing/", admin_views.completeness_report, name="services_completeness")]


class CompletenessMenuItem(MenuItem):
    def is_shown(self, request):
        return is_staff_member(request.user)


@hooks.register("register_reports_menu_item")
def register_completeness_menu_item():
    return CompletenessMenuItem("办事指南完整性", reverse("services_completeness"), icon_name="tasks", order=900)


@hooks.register("register_admin_viewset")
def register_guide_viewset():
    return admin_views.ServiceGuidePageViewSet()


# --- extension points of other apps ------------------------------------------------------------------


@hooks.register("townsquare_life_services", order=30)
def services_life_service():
    return [LifeService("services", "办事", "clipboard-check", "怎么办、带什么", url_name="services:index")]


@hooks.register("townsquare_home_subpage_types")
def service_index_under_homes():
    return ["services.ServiceIndexPage"]


# Every unit gets its 办事指南 column when its section is provisioned.
hooks.register("townsquare_provision_unit", ensure_service_index)


@hooks.register("townsquare_public_contacts")
def guide_phones():
    # The 咨询电话 and 监督投诉电话 printed on published guides stay readable in masked text.
    from .models import ServiceGuidePage

    return [(ServiceGuidePage.objects.live(), ("consult_phone", "complaint_phone"))]
