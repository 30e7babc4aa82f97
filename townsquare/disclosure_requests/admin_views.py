"""The staff side of 依申请公开 in the Wagtail admin (under /admin/gongkai-shenqing/):

  ""               disclosure_inbox      the unit's applications, open ones first by due date, overdue marked
                                         (``?ids=1,2``: only those, for the 公开年报's figures)
  register/        disclosure_register   register a paper, letter, fax or 当面 application
  <pk>/            disclosure_detail     everything about one application; POST runs one step (field "action")
  <pk>/proof/      disclosure_proof      the proof of identity (private file)
  from-message/<request pk>/  disclosure_from_message  POST: 转为依申请公开 from a 我要留言 request

Every step goes through ``handling``; views check who may act (units.access) and log every view of the
applicant's personal data (privacy.PersonalDataAccess).
"""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Case, IntegerField, Value, When
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_POST
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from townsquare.core.notify import followup
from townsquare.privacy.models import PersonalDataAccess
from townsquare.resident_requests.models import ResidentRequest
from townsquare.units.access import may_act_on, scope
from townsquare.units.permissions import StaffOnlyMixin

from . import deadlines, handling, transfer
from .admin_forms import ACTION_FORMS, RegisterForm, forms_for
from .models import OPEN_STATUSES, Application

INBOX = "disclosure_inbox"
DETAIL = "disclosure_detail"
PER_PAGE = 50
APPLICANT_SHOWN = "申请人姓名、证件号码、电话、地址、邮箱"


def admin_urls():
    return [
        path("gongkai-shenqing/", InboxView.as_view(), name=INBOX),
        path("gongkai-shenqing/register/", RegisterView.as_view(), name="disclosure_register"),
        path("gongkai-shenqing/<int:pk>/", DetailView.as_view(), name=DETAIL),
        path("gongkai-shenqing/<int:pk>/proof/", proof, name="disclosure_proof"),
        path("gongkai-shenqing/from-message/<int:pk>/", from_message, name="disclosure_from_message"),
    ]


def due_label(application, now=None):
    """(text, tone) for the inbox and the detail page."""
    now = now or timezone.now()
    if not application.is_open:
        return ("按期答复" if application.decided_on_time else "超期答复"), "muted"
    if application.status == "correction":
        return "等待申请人补正（暂停计时）", "muted"
    if application.status == "consulting":
        return "征求第三方意见中（不计时）", "muted"
    if deadlines.is_overdue(application, now):
        return f"已超期（期限 {timezone.localtime(application.answer_due):%Y-%m-%d}）", "critical"
    if deadlines.is_due_soon(application, now):
        return f"即将到期：{timezone.localtime(application.answer_due):%Y-%m-%d %H:%M}", "warning"
    return f"{timezone.localtime(application.answer_due):%Y-%m-%d %H:%M} 前答复", "good"


class InboxView(StaffOnlyMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "disclosure_requests/admin/inbox.html"
    page_title = "依申请公开"
    header_icon = "doc-full"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        now = timezone.now()
        rows = (
            scope(self.request.user, Application.objects.select_related("unit"))
            .annotate(
                closed=Case(
                    When(status__in=OPEN_STATUSES, then=Value(0)), default=Value(1), output_field=IntegerField()
                )
            )
            .order_by("closed", "answer_due", "-received_at")
        )
        # ?ids=1,2,3: the applications behind one figure of a report (the 公开年报's “明细” links)
        ids = [int(part) for part in self.request.GET.get("ids", "").split(",") if part.strip().isdigit()]
        if ids:
            rows = rows.filter(pk__in=ids)
        page = Paginator(rows, PER_PAGE).get_page(self.request.GET.get("p"))
        context.update(page=page, rows=[(item, due_label(item, now)) for item in page.object_list])
        return context


class RegisterView(StaffOnlyMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "disclosure_requests/admin/register.html"
    page_title = "登记政府信息公开申请"
    header_icon = "doc-full"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": reverse(INBOX), "label": "依申请公开"}, {"url": "", "label": "登记"}]

    def get(self, request, *args, **kwargs):
        form = RegisterForm(user=request.user, initial={"received_at": timezone.localtime().replace(second=0)})
        return self.render_to_response(self.get_context_data(form=form))

    def post(self, request, *args, **kwargs):
        form = RegisterForm(request.POST, request.FILES, user=request.user)
        if not form.is_valid():
            messages.error(request, "登记没有保存，请按提示修改。")
            return self.render_to_response(self.get_context_data(form=form))
        application, password = handling.submit(
            form.application_fields(), actor=request.user, channel=form.cleaned_data["channel"]
        )
        messages.success(
            request,
            f"已登记，申请编号 {application.tracking_number}，查询密码 {password}。"
            "请把编号和密码告诉申请人（只显示这一次）。",
        )
        return redirect(DETAIL, pk=application.pk)


class DetailView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "disclosure_requests/admin/detail.html"
    header_icon = "doc-full"

    def dispatch(self, request, *args, **kwargs):
        self.object = get_object_or_404(
            Application.objects.select_related("unit", "extension_approved_by", "decided_by", "from_message"),
            pk=kwargs["pk"],
        )
        if not may_act_on(request.user, self.object.unit_id):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return f"依申请公开 {self.object.tracking_number}"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse(INBOX), "label": "依申请公开"},
            {"url": "", "label": self.object.tracking_number},
        ]

    def get(self, request, *args, **kwargs):
        # The page shows the applicant's ID number and contacts: each view is logged.
        PersonalDataAccess.record(request.user, self.object, self.object.tracking_number, APPLICANT_SHOWN)
        return self.render_to_response(self.get_context_data())

    def get_context_data(self, bound=None, **kwargs):
        context = super().get_context_data(**kwargs)
        obj = self.object
        action_forms = [
            bound if bound is not None and bound.action == form.action else form(application=obj)
            for form in forms_for(obj)
        ]
        late_correction = obj.correction_asked_at is None and obj.is_open and timezone.now() > obj.correction_due
        context.update(
            object=obj,
            due=due_label(obj),
            action_forms=action_forms,
            late_correction=late_correction,
            consultations=obj.consultations.all(),
            notices=obj.notices.all(),
            events=obj.events.select_related("actor"),
            followup=followup.rating_of(obj),
        )
        return context

    def post(self, request, *args, **kwargs):
        obj = self.object
        form_class = ACTION_FORMS.get(request.POST.get("action"))
        if form_class is None or form_class not in forms_for(obj):
            messages.error(request, "这一步现在不能做，页面可能已经过期，请刷新后再试。")
            return redirect(DETAIL, pk=obj.pk)
        form = form_class(request.POST, application=obj)
        if not form.is_valid():
            messages.error(request, "没有保存，请按提示修改。")
            return self.render_to_response(self.get_context_data(bound=form))
        try:
            run_step(form, obj, request.user)
        except handling.HandlingError as error:
            form.add_error(None, str(error))
            return self.render_to_response(self.get_context_data(bound=form))
        messages.success(request, f"{form.title}：已完成。")
        return redirect(DETAIL, pk=obj.pk)


def run_step(form, application, user):
    data = form.cleaned_data
    if form.action == "correction":
        handling.ask_correction(application, data["missing"], actor=user)
    elif form.action == "correction_received":
        handling.receive_correction(application, data["answer"], actor=user)
    elif form.action == "extend":
        handling.extend(application, data["working_days"], data["reason"], user)
    elif form.action == "consult":
        handling.consult(application, data["third_party"], actor=user)
    elif form.action == "opinion":
        handling.record_opinion(data["consultation"], data["answer"], actor=user)
    elif form.action == "decide":
        handling.decide(application, data["outcome"], data["text"], data["legal_basis"], actor=user)


def proof(request, pk):
    """The proof of identity, for the unit's staff only (logged like the detail page)."""
    application = get_object_or_404(Application, pk=pk)
    if not may_act_on(request.user, application.unit_id) or not application.id_proof:
        raise Http404
    PersonalDataAccess.record(request.user, application, application.tracking_number, "申请人身份证明")
    response = FileResponse(application.id_proof.open("rb"))
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Disposition"] = "inline"
    return response


@require_POST
def from_message(request, pk):
    """转为依申请公开 on a 我要留言 request's admin page."""
    resident_request = get_object_or_404(ResidentRequest, pk=pk)
    if not may_act_on(request.user, resident_request.unit_id, media_center=True):
        raise PermissionDenied
    try:
        application = transfer.from_message(resident_request, request.user)
    except handling.HandlingError as error:
        messages.error(request, str(error))
        return redirect("resident_requests_detail", pk=pk)
    messages.success(request, f"已转为政府信息公开申请 {application.tracking_number}，并答复了留言人。")
    return redirect(DETAIL, pk=application.pk)
