"""公开年报 in the admin: staff edit the figures and texts (``AnnualReportViewSet``), preview the report with
every computed figure linked to its items, download XLSX/PDF, and publish it to the year's page.

  gongkai/nianbao/<pk>/           disclosure_annual_preview   the generated report (POST: publish)
  gongkai/nianbao/<pk>/xlsx/       disclosure_annual_xlsx      (and pdf/: disclosure_annual_pdf)
  gongkai/nianbao/yemian/?ids=    disclosure_annual_pages     the pages behind a figure
"""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Page
from wagtail.permissions import policy_registry

from townsquare.units.access import units_for
from townsquare.units.models import Unit
from townsquare.units.permissions import StaffOnlyMixin, UnitScopedViewSet

from ..models import AnnualReport
from . import export, publishing
from .tables import build

PREVIEW = "disclosure_annual_preview"


def _row(*names):
    return FieldRowPanel([FieldPanel(name) for name in names])


class AnnualReportForm(WagtailAdminModelForm):
    """A unit's staff write their own unit's reports; villages have no 政府信息公开 section."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("unit")
        if field is not None and self.for_user is not None:
            field.queryset = units_for(self.for_user).exclude(kind=Unit.Kind.VILLAGE)
            field.empty_label = None

    def clean(self):
        cleaned = super().clean()
        unit, year = cleaned.get("unit"), cleaned.get("year")
        if unit and year and AnnualReport.objects.filter(unit=unit, year=year).exclude(pk=self.instance.pk).exists():
            self.add_error("year", f"{unit.display_name}{year}年度的公开年报已经有了，请直接修改那一份。")
        return cleaned


class AnnualReportViewSet(UnitScopedViewSet):
    model = AnnualReport
    icon = "doc-full"
    menu_label = "公开年报"
    list_display = ["__str__", "year", "page", "updated_at"]
    list_filter = ["year"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("unit", "page")

    def get_edit_handler(self):
        panels = [
            _row("unit", "year"),
            FieldPanel("overview", help_text="概括本年政府信息公开工作；本年主动公开条数由平台统计，附在后面。"),
            MultiFieldPanel(
                [
                    _row("rules_issued", "rules_repealed", "rules_valid"),
                    _row("normative_issued", "normative_repealed", "normative_valid"),
                    _row("licensing", "penalty", "coercion"),
                    FieldPanel("fees"),
                ],
                heading="二、主动公开政府信息情况（需填写的数字）",
            ),
            MultiFieldPanel(
                [
                    _row("review_upheld", "review_corrected", "review_other", "review_pending"),
                    _row("direct_upheld", "direct_corrected", "direct_other", "direct_pending"),
                    _row("after_upheld", "after_corrected", "after_other", "after_pending"),
                ],
                heading="四、行政复议、行政诉讼情况（总计由平台计算）",
            ),
            FieldPanel("problems"),
            FieldPanel("other_matters"),
        ]
        return ObjectList(panels, base_form_class=AnnualReportForm).bind_to_model(AnnualReport)


def report_for(request, pk, action="change"):
    report = get_object_or_404(AnnualReport.objects.select_related("unit", "page"), pk=pk)
    policy = policy_registry.get_by_type(AnnualReport)
    if not policy.user_has_permission_for_instance(request.user, action, report):
        raise PermissionDenied
    return report


class PreviewView(StaffOnlyMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "disclosure/admin/annual_preview.html"
    header_icon = "doc-full"

    def get_page_title(self):
        return str(self.report)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("wagtailsnippets_disclosure_annualreport:list"), "label": "公开年报"},
            {"url": "", "label": str(self.report)},
        ]

    def dispatch(self, request, *args, **kwargs):
        self.report = report_for(request, kwargs["pk"]) if request.user.is_authenticated else None
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(report=self.report, data=build(self.report))
        return context

    def post(self, request, *args, **kwargs):
        try:
            page, went_live = publishing.publish(self.report, request.user)
        except publishing.ReportError as error:
            messages.error(request, str(error))
            return redirect(PREVIEW, pk=self.report.pk)
        if went_live:
            messages.success(request, f"已发布到“{page.title}”。")
        else:
            messages.success(request, f"已生成“{page.title}”的新版本，并提交三审；终审通过后公开。")
        return redirect(PREVIEW, pk=self.report.pk)


def export_view(request, pk, extension):
    report = report_for(request, pk)
    data = build(report)
    content = export.xlsx(data) if extension == "xlsx" else export.pdf(data)
    kind = (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        if extension == "xlsx"
        else "application/pdf"
    )
    response = HttpResponse(content, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="{export.filename(data, extension)}"'
    return response


class PagesView(StaffOnlyMixin, WagtailAdminTemplateMixin, TemplateView):
    """The pages behind one figure (``?ids=1,2,3``): title, type, first publication, links to view and edit."""

    template_name = "disclosure/admin/annual_pages.html"
    page_title = "统计明细"
    header_icon = "list-ul"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        ids = [int(part) for part in self.request.GET.get("ids", "").split(",") if part.strip().isdigit()]
        pages = Page.objects.filter(pk__in=ids).select_related("content_type").order_by("-first_published_at")
        context["pages"] = pages
        return context


def admin_urls():
    return [
        path("gongkai/nianbao/<int:pk>/", PreviewView.as_view(), name=PREVIEW),
        path("gongkai/nianbao/<int:pk>/xlsx/", export_view, {"extension": "xlsx"}, name="disclosure_annual_xlsx"),
        path("gongkai/nianbao/<int:pk>/pdf/", export_view, {"extension": "pdf"}, name="disclosure_annual_pdf"),
        path("gongkai/nianbao/yemian/", PagesView.as_view(), name="disclosure_annual_pages"),
    ]
