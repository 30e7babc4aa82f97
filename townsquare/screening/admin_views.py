"""发布前审查 in the admin: pages with open findings, and one page's findings with 遮盖 / 确认误报."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Page

from townsquare.units.access import may_act_on, scope
from townsquare.units.models import Role
from townsquare.units.permissions import StaffOnlyMixin

from . import review
from .models import Finding

LIST_URL_NAME = "screening_list"
PAGE_URL_NAME = "screening_page"
DECIDERS = (Role.REVIEWER, Role.HEAD)


def admin_urls():
    return [
        path("shencha/", FindingListView.as_view(), name=LIST_URL_NAME),
        path("shencha/page/<int:page_id>/", PageFindingsView.as_view(), name=PAGE_URL_NAME),
    ]


def page_review_url(page_id):
    return reverse(PAGE_URL_NAME, args=[page_id])


class DismissForm(forms.Form):
    reason = forms.CharField(
        label="误报理由",
        max_length=300,
        error_messages={"required": "请写明为什么这不是个人信息或错敏词。"},
        help_text="例如：这是单位的公开服务电话；这是文件编号。",
    )


class FindingListView(StaffOnlyMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "screening/admin/list.html"
    page_title = "发布前审查"
    header_icon = "warning"

    def get_breadcrumbs_items(self):
        return [{"url": "", "label": "发布前审查"}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        open_findings = scope(self.request.user, Finding.objects.filter(status=Finding.Status.OPEN), media_center=True)
        rows = (
            open_findings.values("page_id", "page__title", "page__live", "unit__name")
            .annotate(count=Count("pk"))
            .order_by("-page__live", "unit__name", "page__title")
        )
        context["rows"] = [{**row, "url": page_review_url(row["page_id"])} for row in rows[:300]]
        return context


class PageFindingsView(StaffOnlyMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "screening/admin/page.html"
    header_icon = "warning"

    def dispatch(self, request, *args, page_id, **kwargs):
        self.page = get_object_or_404(Page, pk=page_id)
        self.unit_id = review._unit_id(self.page)
        if not (request.user.is_superuser or may_act_on(request.user, self.unit_id, media_center=True)):
            raise PermissionDenied
        return super().dispatch(request, *args, page_id=page_id, **kwargs)

    def get_page_title(self):
        return f"发布前审查：{self.page.get_admin_display_title()}"

    def get_breadcrumbs_items(self):
        return [{"url": reverse(LIST_URL_NAME), "label": "发布前审查"}, {"url": "", "label": self.page.title}]

    def get(self, request, *args, **kwargs):
        if "recheck" in request.GET:
            review.screen(self.page)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, dismiss_form=None, failed_pk=None, **kwargs):
        context = super().get_context_data(**kwargs)
        findings = list(Finding.objects.filter(page=self.page).select_related("document", "decided_by"))
        context.update(
            page=self.page,
            open=[f for f in findings if f.status == Finding.Status.OPEN],
            decided=[f for f in findings if f.status in (Finding.Status.MASKED, Finding.Status.DISMISSED)],
            dismiss_form=dismiss_form,
            failed_pk=failed_pk,
            edit_url=reverse("wagtailadmin_pages:edit", args=[self.page.pk]),
            recheck_url=f"{page_review_url(self.page.pk)}?recheck=1",
        )
        return context

    def post(self, request, *args, **kwargs):
        # Deciding is the reviewers' part (审核, 负责人, and the county's and media centre's staff), not the editors'.
        if not (
            request.user.is_superuser or may_act_on(request.user, self.unit_id, media_center=True, with_roles=DECIDERS)
        ):
            raise PermissionDenied
        finding = get_object_or_404(Finding, pk=request.POST.get("finding"), page=self.page, status=Finding.Status.OPEN)
        if request.POST.get("action") == "mask":
            try:
                review.mask(finding, request.user)
            except review.NotMasked as refusal:
                messages.error(request, str(refusal))
            else:
                messages.success(request, f"已遮盖：{finding.where}。")
            return redirect(page_review_url(self.page.pk))
        form = DismissForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(dismiss_form=form, failed_pk=finding.pk))
        review.dismiss(finding, request.user, form.cleaned_data["reason"])
        messages.success(request, "已确认为误报；这个页面上同样的内容不会再提示。")
        return redirect(page_review_url(self.page.pk))
