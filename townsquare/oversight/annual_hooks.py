"""Admin URLs and menu item of the annual report (年度报表)."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import annual_views


@hooks.register("register_admin_urls")
def register_annual_report_urls():
    return [
        path("annual-report/", annual_views.AnnualReportView.as_view(), name=annual_views.URL_NAME),
        path(
            "annual-report/<int:year>/items/<slug:key>/",
            annual_views.AnnualItemsView.as_view(),
            name=annual_views.ITEMS_URL_NAME,
        ),
        path(
            "annual-report/download/<str:fmt>/",
            annual_views.download,
            name=annual_views.DOWNLOAD_URL_NAME,
        ),
    ]


class AnnualReportMenuItem(MenuItem):
    def is_shown(self, request):
        return annual_views.can_see_annual_report(request.user)


@hooks.register("register_reports_menu_item")
def register_annual_report_menu_item():
    return AnnualReportMenuItem(
        "政府网站年度报表", reverse(annual_views.URL_NAME), name="annual-report", icon_name="table", order=950
    )
