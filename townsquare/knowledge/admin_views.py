"""知识库 in the admin, beside the entries' snippet views: 加入知识库 from a request, and the figures of how
often a suggested answer spared a resident the 留言."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from townsquare.units.access import may_act_on, scope
from townsquare.units.permissions import StaffOnlyMixin

from . import tally
from .building import NotAnswerable, from_request
from .models import Entry

FIGURES_URL_NAME = "knowledge_figures"
EDIT_URL_NAME = "wagtailsnippets_knowledge_entry:edit"


def admin_urls():
    return [
        path("zhishi/tongji/", FiguresView.as_view(), name=FIGURES_URL_NAME),
        path("zhishi/from-request/<int:pk>/", entry_from_request, name="knowledge_from_request"),
        path("zhishi/reviewed/<int:pk>/", entry_reviewed, name="knowledge_reviewed"),
    ]


@require_POST
def entry_from_request(request, pk):
    from townsquare.resident_requests.models import ResidentRequest

    resident_request = get_object_or_404(ResidentRequest, pk=pk)
    if not may_act_on(request.user, resident_request.unit_id):
        raise PermissionDenied
    existing = resident_request.knowledge_entries.first()
    if existing is None:
        try:
            existing = from_request(resident_request)
        except NotAnswerable as error:
            messages.error(request, str(error))
            return redirect("resident_requests_detail", pk=pk)
        existing.save()
        messages.success(request, "已从这条留言生成知识库条目（未公开）。请把问题和回答改成通用的说法，再勾选“公开”。")
    return redirect(EDIT_URL_NAME, existing.pk)


@require_POST
def entry_reviewed(request, pk):
    """已复核，内容仍有效: the next review date moves KNOWLEDGE_REVIEW_DAYS on from today."""
    entry = get_object_or_404(Entry, pk=pk)
    if not may_act_on(request.user, entry.unit_id):
        raise PermissionDenied
    entry.mark_reviewed()
    entry.save(update_fields=["review_by", "updated_at"])
    messages.success(request, f"“{entry.question}”已复核，下次复核日期 {entry.review_by:%Y-%m-%d}。")
    return redirect(FIGURES_URL_NAME)


class FiguresView(StaffOnlyMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "knowledge/admin/figures.html"
    page_title = "知识库：推荐回答效果"
    header_icon = "help"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        entries = scope(self.request.user, Entry.objects.live(), "unit")
        context.update(
            periods=[tally.figures(7), tally.figures(30), tally.figures(365)],
            live_count=entries.count(),
            stale=entries.stale().select_related("unit").order_by("review_by")[:50],
        )
        return context


def edit_url(entry):
    return reverse(EDIT_URL_NAME, args=[entry.pk])
