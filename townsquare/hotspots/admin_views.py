"""热点问题 in the admin: the ranked topics with their trend, and one topic's requests and public response."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils import timezone
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from townsquare.units.access import is_county_staff, may_act_on, scope
from townsquare.units.permissions import StaffOnlyMixin

from .models import HotTopic
from .topics import refresh, response_candidates

INDEX_URL_NAME = "hotspots_index"


def admin_urls():
    return [
        path("redian/", TopicIndexView.as_view(), name=INDEX_URL_NAME),
        path("redian/<int:pk>/", TopicDetailView.as_view(), name="hotspots_detail"),
    ]


BLOCKS = "▁▂▃▄▅▆▇█"


def trend_bars(trend):
    """(count, block character) per week: a text sparkline, no styles needed."""
    top = max(trend or [0]) or 1
    return [(count, BLOCKS[round((len(BLOCKS) - 1) * count / top)]) for count in trend]


class Base(StaffOnlyMixin, WagtailAdminTemplateMixin, TemplateView):
    def topics(self):
        return scope(self.request.user, HotTopic.objects.select_related("lead_unit", "response"), "lead_unit")


class TopicIndexView(Base):
    template_name = "hotspots/admin/index.html"
    page_title = "热点问题"

    def get_breadcrumbs_items(self):
        return [{"url": "", "label": "热点问题"}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        now = timezone.now()
        topics = list(self.topics().current())
        context["rows"] = [(t, trend_bars(t.trend), t.is_overdue(now)) for t in topics]
        context["may_refresh"] = is_county_staff(self.request.user)
        context["threshold"] = settings.HOTSPOT_RESPONSE_THRESHOLD
        context["days"] = settings.HOTSPOT_RESPONSE_DAYS
        return context

    def post(self, request, *args, **kwargs):
        if not is_county_staff(request.user):
            raise PermissionDenied
        found = refresh()
        messages.success(request, f"已重新分析近期留言，找到 {len(found)} 个热点问题。")
        return redirect(INDEX_URL_NAME)


class TopicDetailView(Base):
    template_name = "hotspots/admin/detail.html"

    def get_page_title(self):
        return self.topic.title

    def get_breadcrumbs_items(self):
        return [{"url": "", "label": "热点问题"}]

    def dispatch(self, request, *args, **kwargs):
        self.topic = get_object_or_404(self.topics(), pk=kwargs["pk"]) if request.user.is_authenticated else None
        return super().dispatch(request, *args, **kwargs)

    def candidates(self):
        return response_candidates(self.topic)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        topic = self.topic
        context["topic"] = topic
        context["bars"] = trend_bars(topic.trend)
        context["requests"] = topic.requests.select_related("unit", "category").order_by("-received_at")
        context["units"] = sorted({r.unit.display_name for r in context["requests"]})
        context["overdue"] = topic.is_overdue(timezone.now())
        context["candidates"] = self.candidates()
        return context

    def post(self, request, *args, **kwargs):
        if not may_act_on(request.user, self.topic.lead_unit_id):
            raise PermissionDenied
        page = self.candidates().filter(pk=request.POST.get("page") or 0).first()
        if page is None:
            messages.error(request, "请选择本单位已发布的“回应关切”。")
        else:
            self.topic.attach_response(page)
            messages.success(request, "已关联公开回应；这组的每条公开留言都会链接到它。")
        return redirect("hotspots_detail", self.topic.pk)
