"""在线访谈 in the admin: the list of a staff member's interviews and one console per interview.

The console is where a unit's staff work before and during the session: moderate residents' questions
(公开 / 不公开), post the host's and guest's lines (answering a question picked from the list), and take
a mistaken line back. A unit's staff see only their unit's interviews (``units.access``); county staff see all.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from townsquare.privacy.models import PersonalDataAccess
from townsquare.units.access import may_act_on, scope
from townsquare.units.permissions import StaffOnlyMixin

from . import handling
from .forms import LineForm
from .models import InterviewPage, Line, Question, grouped

INDEX_URL_NAME = "interviews_console_index"
CONSOLE_URL_NAME = "interviews_console"
CONTACTS_SHOWN = "提问人姓名、电话、邮箱"


def admin_urls():
    return [
        path("fangtan/", ConsoleIndexView.as_view(), name=INDEX_URL_NAME),
        path("fangtan/<int:pk>/", ConsoleView.as_view(), name=CONSOLE_URL_NAME),
    ]


def interviews_for(user):
    """The interviews the user may work on, with their questions waiting for review counted."""
    pending = Count("questions", filter=Q(questions__status=Question.Status.PENDING))
    return scope(user, InterviewPage.objects.select_related("unit")).annotate(pending=pending)


def pending_count(user):
    return Question.objects.filter(
        status=Question.Status.PENDING, interview__in=scope(user, InterviewPage.objects.all())
    ).count()


class ConsoleIndexView(StaffOnlyMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "interviews/admin/index.html"
    page_title = "在线访谈"
    header_icon = "openquote"

    def get_breadcrumbs_items(self):
        return [{"url": "", "label": "在线访谈"}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(grouped(interviews_for(self.request.user), timezone.now()))
        return context


class ConsoleView(StaffOnlyMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "interviews/admin/console.html"
    header_icon = "openquote"

    def dispatch(self, request, *args, **kwargs):
        self.interview = get_object_or_404(InterviewPage.objects.select_related("unit"), pk=kwargs["pk"])
        if request.user.is_authenticated and not may_act_on(request.user, self.interview.unit_id):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return f"访谈控制台：{self.interview.title}"

    def get_breadcrumbs_items(self):
        return [{"url": reverse(INDEX_URL_NAME), "label": "在线访谈"}, {"url": "", "label": self.interview.title}]

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        interview = self.interview
        chosen = self.request.GET.get("question", "")
        initial = {"question": chosen} if chosen.isdigit() else {}
        questions = list(interview.questions.order_by("status", "submitted_at"))
        PersonalDataAccess.record_many(self.request.user, [(q, q.reference) for q in questions], CONTACTS_SHOWN)
        context.update(
            interview=interview,
            stage=interview.stage(),
            form=form or LineForm(interview=interview, initial=initial),
            pending=[q for q in questions if q.status == Question.Status.PENDING],
            shown=[q for q in questions if q.status == Question.Status.PUBLISHED],
            hidden=[q for q in questions if q.status == Question.Status.HIDDEN],
            lines=list(interview.shown_lines()),
            edit_url=reverse("wagtailadmin_pages:edit", args=[interview.pk]),
        )
        return context

    def post(self, request, pk):
        action = request.POST.get("action")
        if action == "post":
            return self.post_line(request)
        try:
            if action in ("publish", "hide"):
                question = get_object_or_404(Question, pk=request.POST.get("question"), interview=self.interview)
                getattr(handling, action)(question, request.user)
                messages.success(request, "已公开这个问题。" if action == "publish" else "这个问题不公开。")
            elif action == "remove":
                line = get_object_or_404(Line, pk=request.POST.get("line"), interview=self.interview)
                handling.remove_line(line)
                messages.success(request, "已撤回这一条。")
        except ValidationError as error:
            messages.error(request, error.messages[0])
        return redirect(CONSOLE_URL_NAME, pk=self.interview.pk)

    def post_line(self, request):
        form = LineForm(request.POST, interview=self.interview)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        data = form.cleaned_data
        try:
            handling.post_line(self.interview, data["speaker"], data["text"], request.user, question=data["question"])
        except ValidationError as error:
            form.add_error(None, error.messages[0])
            return self.render_to_response(self.get_context_data(form=form), status=400)
        messages.success(request, "已发布，网友页面几秒内就能看到。")
        return redirect(CONSOLE_URL_NAME, pk=self.interview.pk)
