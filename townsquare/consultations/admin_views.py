"""Staff screens: the unit's consultations with what waits for moderation, and one consultation's comments
(publish or not, and the answer for the 采纳情况). A unit's staff see their unit's only; county staff all."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from townsquare.privacy.models import PersonalDataAccess
from townsquare.units.access import may_act_on, scope
from townsquare.units.permissions import StaffOnlyMixin

from . import opinions
from .models import Comment, ConsultationPage

LIST_URL_NAME = "consultations_admin"
COMMENTS_URL_NAME = "consultations_comments"
CONTACTS_SHOWN = "提意见人的姓名、电话、邮箱"


def admin_urls():
    return [
        path("zhengqiu/", ConsultationsView.as_view(), name=LIST_URL_NAME),
        path("zhengqiu/<int:page_id>/", CommentsView.as_view(), name=COMMENTS_URL_NAME),
        path("zhengqiu/yijian/<int:pk>/", CommentActionView.as_view(), name="consultations_comment_action"),
    ]


def consultations_for(user):
    """The consultations the user may moderate, with their counts, those waiting first."""
    pages = scope(user, ConsultationPage.objects.all(), "unit").select_related("unit")
    return pages.annotate(
        received=Count("comments"),
        pending=Count("comments", filter=Q(comments__status=Comment.Status.PENDING)),
        undecided=Count("comments", filter=Q(comments__decision="")),
    ).order_by("-pending", "-closes_at")


def consultation_for(user, page_id):
    page = get_object_or_404(ConsultationPage, pk=page_id)
    if not may_act_on(user, page.unit_id):
        raise PermissionDenied
    return page


class ConsultationsView(StaffOnlyMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "consultations/admin/list.html"
    page_title = "征求意见"
    header_icon = "comment"

    def get_breadcrumbs_items(self):
        return [{"url": "", "label": "征求意见"}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["consultations"] = consultations_for(self.request.user)
        return context


class CommentsView(StaffOnlyMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "consultations/admin/comments.html"
    header_icon = "comment"

    def get_page_title(self):
        return f"居民意见：{self.consultation.title}"

    def get_breadcrumbs_items(self):
        return [{"url": reverse(LIST_URL_NAME), "label": "征求意见"}, {"url": "", "label": self.consultation.title}]

    def dispatch(self, request, *args, **kwargs):
        self.consultation = consultation_for(request.user, kwargs["page_id"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        comments = list(self.consultation.comments.for_staff().order_by("status", "created_at", "pk"))
        context.update(
            consultation=self.consultation,
            comments=comments,
            counts=self.consultation.comments.counts(),
            decisions=Comment.Decision.choices[1:],
        )
        # The list shows commenters' names and contacts: each shown comment is logged (网络安全法 art. 21).
        PersonalDataAccess.record_many(self.request.user, [(c, c.pk) for c in comments], CONTACTS_SHOWN)
        return context


class CommentActionView(StaffOnlyMixin, TemplateView):
    http_method_names = ["post"]

    def post(self, request, pk):
        comment = get_object_or_404(Comment.objects.select_related("consultation"), pk=pk)
        consultation_for(request.user, comment.consultation_id)
        action = request.POST.get("action")
        try:
            if action == "publish":
                opinions.publish(comment, request.user)
                messages.success(request, "已公开这条意见。")
            elif action == "hide":
                opinions.hide(comment, request.user)
                messages.success(request, "这条意见不公开。")
            elif action == "decide":
                opinions.decide(
                    comment,
                    request.POST.get("decision", ""),
                    request.POST.get("reason", ""),
                    request.POST.get("gist", ""),
                )
                messages.success(request, "已记下采纳情况。")
        except ValidationError as error:
            messages.error(request, error.messages[0])
        return redirect(reverse(COMMENTS_URL_NAME, args=[comment.consultation_id]) + f"#comment-{comment.pk}")
