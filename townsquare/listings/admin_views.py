"""The moderation queue (信息审核) and the reports queue (举报处理) for county staff."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from townsquare.privacy.models import PersonalDataAccess
from townsquare.units.permissions import StaffOnlyMixin

from . import staff
from .models import Report, Status, listing_model

QUEUE_URL_NAME = "listings_moderation"
REPORTS_URL_NAME = "listings_reports"
CONTACTS_SHOWN = "联系人姓名、电话、邮箱"


def admin_urls():
    return [
        path("shenghuo/shenhe/", ModerationQueueView.as_view(), name=QUEUE_URL_NAME),
        path("shenghuo/shenhe/<str:kind>/<int:pk>/", ModerateView.as_view(), name="listings_moderate"),
        path("shenghuo/jubao/", ReportsView.as_view(), name=REPORTS_URL_NAME),
        path("shenghuo/jubao/<int:pk>/", HandleReportView.as_view(), name="listings_handle_report"),
    ]


def edit_url(item):
    meta = item._meta
    return reverse(f"wagtailsnippets_{meta.app_label}_{meta.model_name}:edit", args=[item.pk])


class ModeratorOnly(StaffOnlyMixin):
    county_only = True  # county staff moderate


class ModerationQueueView(ModeratorOnly, WagtailAdminTemplateMixin, TemplateView):
    template_name = "listings/admin/queue.html"
    page_title = "信息审核"
    header_icon = "tasks"

    def get_breadcrumbs_items(self):
        return [{"url": "", "label": "信息审核"}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        items = staff.pending_items()
        for item in items:
            item.admin_edit_url = edit_url(item)
        context["items"] = items
        # The queue shows the submitters' names and contacts: each shown listing is logged (网络安全法 art. 21).
        PersonalDataAccess.record_many(self.request.user, [(item, item.reference) for item in items], CONTACTS_SHOWN)
        return context


class ModerateView(ModeratorOnly, TemplateView):
    http_method_names = ["post"]

    def post(self, request, kind, pk):
        model = listing_model(kind)
        if model is None:
            raise PermissionDenied
        item = get_object_or_404(model, pk=pk)
        action = request.POST.get("action")
        if action == "approve":
            item.approve(user=request.user)
            messages.success(request, f"已通过：{item.title}")
        elif action == "reject":
            try:
                item.reject(request.POST.get("reason", ""), user=request.user)
            except ValidationError as error:
                messages.error(request, f"{item.title}：{error.messages[0]}")
            else:
                messages.success(request, f"未通过：{item.title}（提交人能看到原因）")
        elif action == "take_down" and item.status != Status.TAKEN_DOWN:
            item.take_down(request.POST.get("reason", ""), user=request.user)
            messages.success(request, f"已撤下：{item.title}")
        return redirect(request.POST.get("next") or reverse(QUEUE_URL_NAME))


class ReportsView(ModeratorOnly, WagtailAdminTemplateMixin, TemplateView):
    template_name = "listings/admin/reports.html"
    page_title = "举报处理"
    header_icon = "warning"

    def get_breadcrumbs_items(self):
        return [{"url": "", "label": "举报处理"}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        reports = staff.open_reports()
        for report in reports:
            report.admin_edit_url = edit_url(report.target) if report.target else ""
        context["reports"] = reports
        return context


class HandleReportView(ModeratorOnly, TemplateView):
    http_method_names = ["post"]

    def post(self, request, pk):
        report = get_object_or_404(Report, pk=pk, state=Report.State.OPEN)
        act = request.POST.get("act")
        staff.handle_report(report, "take_down" if act == "take_down" else "dismiss", request.user)
        messages.success(request, "已撤下这条信息。" if act == "take_down" else "已标记为不予处理。")
        return redirect(REPORTS_URL_NAME)
