"""页面反馈 in the admin: every address's answers over a period (the least helpful first, with its visits), and
one address's answers with what people missed. Staff see the answers of their own units' pages."""

from django.core.paginator import Paginator
from django.urls import path
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from townsquare.units.access import roles_of
from townsquare.units.permissions import StaffOnlyMixin
from townsquare.visits.figures import views_by_path

from . import reports

INDEX_URL_NAME = "feedback_index"
PAGE_URL_NAME = "feedback_page"
PERIODS = (30, 90, 365)
ROWS = 200


def admin_urls():
    return [
        path("fankui/", FeedbackIndexView.as_view(), name=INDEX_URL_NAME),
        path("fankui/page/", FeedbackPageView.as_view(), name=PAGE_URL_NAME),
    ]


class FeedbackMixin(StaffOnlyMixin, WagtailAdminTemplateMixin):
    header_icon = "comment"

    def visible_units(self):
        """None for county staff (every unit), else the user's own units."""
        roles = roles_of(self.request.user)
        return None if roles.county else roles.unit_ids

    def period(self):
        days = self.request.GET.get("days", "")
        return int(days) if days.isdigit() and int(days) in PERIODS else PERIODS[0]


class FeedbackIndexView(FeedbackMixin, TemplateView):
    template_name = "feedback/admin/index.html"
    page_title = "页面反馈"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        days = self.period()
        rows = reports.page_rows(reports.answers_in(days, unit_ids=self.visible_units()), ROWS)
        views = views_by_path([row.path for row in rows], days)
        for row in rows:
            row.views = views.get(row.path, 0)
        context.update(rows=rows, days=days, periods=PERIODS)
        return context


class FeedbackPageView(FeedbackMixin, TemplateView):
    template_name = "feedback/admin/page.html"
    page_title = "页面反馈：一个页面的回答"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        days = self.period()
        address = self.request.GET.get("path", "")
        answers = reports.answers_in(days, unit_ids=self.visible_units()).filter(path=address).select_related("page")
        page_obj = Paginator(answers, 100).get_page(self.request.GET.get("p"))
        rows = reports.page_rows(answers, 1)
        context.update(path=address, days=days, periods=PERIODS, row=rows[0] if rows else None, page_obj=page_obj)
        return context
