"""Admin pages of the annual report: the table, each figure's items, and the XLSX/PDF downloads.

Who may see them: superusers and county staff (any role in a unit of kind 县). Wagtail's
admin URLs already require a log-in with admin access; these views add the county check.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils.http import urlencode
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from townsquare.units.access import roles_of
from townsquare.units.models import Unit

from .export import filename, grouped, layout, to_pdf, to_xlsx
from .report import available_years, build_annual_report, default_year

URL_NAME = "oversight_annual_report"
ITEMS_URL_NAME = "oversight_annual_report_items"
DOWNLOAD_URL_NAME = "oversight_annual_report_download"
FORMATS = {
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", to_xlsx),
    "pdf": ("application/pdf", to_pdf),
}


def can_see_annual_report(user):
    return roles_of(user).county


class AnnualAccessMixin:
    def dispatch(self, request, *args, **kwargs):
        if not can_see_annual_report(request.user):
            raise PermissionDenied("年度报表仅限县级管理人员查看。")
        return super().dispatch(request, *args, **kwargs)


def chosen_scope(request, year=None):
    """(year, unit, errors) from ?year=&unit= ; a bad value falls back with a message, never a crash."""
    errors = []
    years = available_years()
    raw_year = year if year is not None else request.GET.get("year", "")
    if raw_year in ("", None):
        chosen_year = default_year()
    else:
        try:
            chosen_year = int(raw_year)
        except (TypeError, ValueError):
            chosen_year = default_year()
            errors.append(f"“{raw_year}”不是有效的年份，已显示{chosen_year}年。")
        else:
            if chosen_year not in years:
                errors.append(f"只能查看{years[-1]}年至{years[0]}年的报表，已显示{default_year()}年。")
                chosen_year = default_year()
    unit = None
    slug = request.GET.get("unit", "")
    if slug:
        unit = Unit.objects.filter(slug=slug).first()
        if unit is None:
            errors.append("没有找到所选单位，已显示全县合计。")
    return chosen_year, unit, errors


def _query(year, unit):
    params = {"year": year}
    if unit is not None:
        params["unit"] = unit.slug
    return urlencode(params)


class AnnualReportView(AnnualAccessMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "oversight/annual/report.html"
    page_title = "年度报表"
    header_icon = "table"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        year, unit, errors = chosen_scope(self.request)
        report = build_annual_report(year, unit)
        query = _query(year, unit)
        groups = grouped(layout(report))
        items_base = reverse(ITEMS_URL_NAME, args=[year, "KEY"])
        for _, lines in groups:
            for line in lines:
                line.items_url = (
                    items_base.replace("KEY", line.key) + (f"?unit={unit.slug}" if unit else "")
                    if line.figure.traceable
                    else ""
                )
        context.update(
            report=report,
            groups=groups,
            years=available_years(),
            year=year,
            unit=unit,
            units=Unit.objects.order_by("sort_order", "pk"),
            errors=errors,
            xlsx_url=reverse(DOWNLOAD_URL_NAME, args=["xlsx"]) + "?" + query,
            pdf_url=reverse(DOWNLOAD_URL_NAME, args=["pdf"]) + "?" + query,
        )
        return context


class AnnualItemsView(AnnualAccessMixin, WagtailAdminTemplateMixin, TemplateView):
    """The items one figure counts: the list behind the number."""

    template_name = "oversight/annual/items.html"
    page_title = "报表明细"
    header_icon = "list-ul"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": self.report_url, "label": "年度报表"},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        year, unit, errors = chosen_scope(self.request, year=str(self.kwargs["year"]))
        report = build_annual_report(year, unit)
        try:
            row = report.row(self.kwargs["key"])
        except KeyError:
            raise Http404("报表中没有这一项。") from None
        self.report_url = reverse(URL_NAME) + "?" + _query(year, unit)
        context = super().get_context_data(**kwargs)
        items = row.figure.items()
        context.update(
            report=report,
            row=row,
            figure=row.figure,
            items=items,
            parts=[(part.label, part.count()) for part in row.figure.parts],
            report_url=self.report_url,
            errors=errors,
        )
        return context


def download(request, fmt):
    if not can_see_annual_report(request.user):
        raise PermissionDenied("年度报表仅限县级管理人员下载。")
    if fmt not in FORMATS:
        raise Http404("不支持这种格式。")
    year, unit, _ = chosen_scope(request)
    report = build_annual_report(year, unit)
    content_type, render = FORMATS[fmt]
    response = HttpResponse(render(report), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename(report, fmt)}"'
    return response
