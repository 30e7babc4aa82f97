"""Admin URLs and menu item of the annual report (年度报表)."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import views


@hooks.register("register_admin_urls")
def register_annual_report_urls():
    return [
        path("annual-report/", views.AnnualReportView.as_view(), name=views.URL_NAME),
        path(
            "annual-report/<int:year>/items/<slug:key>/",
            views.AnnualItemsView.as_view(),
            name=views.ITEMS_URL_NAME,
        ),
        path(
            "annual-report/download/<str:fmt>/",
            views.download,
            name=views.DOWNLOAD_URL_NAME,
        ),
    ]


class AnnualReportMenuItem(MenuItem):
    def is_shown(self, request):
        return views.can_see_annual_report(request.user)


@hooks.register("register_reports_menu_item")
def register_annual_report_menu_item():
    return AnnualReportMenuItem(
        "政府网站年度报表", reverse(views.URL_NAME), name="annual-report", icon_name="table", order=950
    )
