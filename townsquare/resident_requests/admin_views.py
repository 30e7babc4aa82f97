"""The staff side of 我要留言 in the Wagtail admin: the unit inbox and the page where a request is handled.

Every action goes through ``handling`` (the only code that changes a request); these
views check who may act, turn form input into those calls and report the outcome with
Wagtail's messages. URLs (registered in wagtail_hooks.py, under /admin/):
  liuyan/            resident_requests_inbox    ?tab=<bucket>&q=<编号或标题>&p=<page>
  liuyan/<pk>/       resident_requests_detail   GET shows, POST runs one action (field "action")
"""

from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from townsquare.core.notify import followup
from townsquare.privacy.models import PersonalDataAccess
from townsquare.units.access import is_staff_member, may_act_on, sees_all

from . import handling, inbox, reminders, similar
from .admin_forms import ACTION_FORMS, AnswerForm
from .handling import HandlingError
from .models import ExtensionRequest, ResidentRequest, StaffNotice, Status
from .routing.adopt import adopt_suggestion, adoptable, shown_suggestions

INBOX_URL_NAME = "resident_requests_inbox"
DETAIL_URL_NAME = "resident_requests_detail"
PER_PAGE = 50
CONTACTS_SHOWN = "留言人姓名、手机号、邮箱"
CHANNELS = {"web": "网站留言", "open311": "开放接口（Open311）", "phone": "电话", "wechat": "微信"}


def admin_urls():
    """For ``hooks.register("register_admin_urls", ...)``; Wagtail wraps them in its login check."""
    return [
        path("liuyan/", InboxView.as_view(), name=INBOX_URL_NAME),
        path("liuyan/<int:pk>/", RequestDetailView.as_view(), name=DETAIL_URL_NAME),
    ]


def other_actions(request, resident_request):
    """What other apps offer on a request (hook ``townsquare_request_actions``: fn(request, resident_request)
    returns a list of dicts with ``label``, ``url`` and ``method`` "post" (a button) or "get" (a link))."""
    return [action for fn in hooks.get_hooks("townsquare_request_actions") for action in fn(request, resident_request)]


class InboxView(WagtailAdminTemplateMixin, TemplateView):
    """办件箱: the user's requests in tabs, most urgent first."""

    template_name = "resident_requests/admin/inbox.html"
    page_title = "我要留言"
    header_icon = "mail"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        if not is_staff_member(user):
            context["no_units"] = True
            return context
        now = timezone.now()
        buckets = inbox.buckets_for(user)
        keys = [bucket.key for bucket in buckets]
        key = self.request.GET.get("tab", inbox.DEFAULT_BUCKET)
        key = key if key in keys else inbox.DEFAULT_BUCKET
        query = self.request.GET.get("q", "").strip()[:60]
        counts = inbox.bucket_counts(user, now)
        page = Paginator(inbox.bucket_requests(user, key, query, now), PER_PAGE).get_page(self.request.GET.get("p"))
        rows = [(item, inbox.due_label(item, now)) for item in page.object_list]
        # 并案 suggestions on the tab of new requests, where duplicates sent anyway arrive.
        duplicates = similar.with_duplicates(page.object_list, now) if key == "new" else set()
        current = inbox.BUCKETS_BY_KEY[key]
        context.update(
            tabs=[(bucket, counts[bucket.key]) for bucket in buckets],
            current=current,
            query=query,
            page=page,
            rows=rows,
            duplicates=duplicates,
            sees_all=sees_all(user, media_center=True),
            now=now,
        )
        return context


class RequestDetailView(WagtailAdminTemplateMixin, TemplateView):
    """Everything about one request, its timeline, and one small form per action."""

    template_name = "resident_requests/admin/detail.html"
    header_icon = "mail"

    def dispatch(self, request, *args, **kwargs):
        self.object = get_object_or_404(
            ResidentRequest.objects.select_related(
                "category",
                "unit",
                "suggested_category__unit",
                "runner_up_category__unit",
                "merged_into",
                "submitted_by",
            ),
            pk=kwargs["pk"],
        )
        if not may_act_on(request.user, self.object.unit_id, media_center=True):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return f"留言 {self.object.tracking_number}"

    def get_page_subtitle(self):
        return ""

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse(INBOX_URL_NAME), "label": "我要留言"},
            {"url": "", "label": self.object.tracking_number},
        ]

    # --- showing ----------------------------------------------------------------------------

    def get(self, request, *args, **kwargs):
        inbox.notices_for(request.user).filter(request=self.object).update(read_at=timezone.now())
        # The page shows the resident's name and contacts: each view is logged (网络安全法 art. 21).
        PersonalDataAccess.record(request.user, self.object, self.object.tracking_number, CONTACTS_SHOWN)
        return self.render_to_response(self.get_context_data())

    def available_actions(self):
        """The actions that make sense now, in the order staff usually need them."""
        obj, user = self.object, self.request.user
        status = obj.status
        actions = []
        if status == Status.SUBMITTED:
            actions.append("accept")
        if status in (Status.SUBMITTED, Status.ACCEPTED):
            actions.append("answer")
        if status == Status.ACCEPTED:
            actions.append("ask")
        if status in (Status.SUBMITTED, Status.ACCEPTED):
            actions.append("transfer")
        suggestion = self.suggestion()
        if suggestion and suggestion["can_adopt"]:
            actions.append("adopt")  # shown beside the suggestion, not as a form of its own
        if status in (Status.ACCEPTED, Status.WAITING) and not self.pending_extensions:
            actions.append("extend")
        if inbox.can_decide_extensions(user) and self.pending_extensions:
            actions.append("decide")
        if obj.is_open:
            actions.append("merge")
        if status in (Status.SUBMITTED, Status.ACCEPTED):
            actions.append("decline")
        actions.append("note")
        return actions

    def suggestion(self):
        """The routing suggestions staff should see (confident enough), when one points somewhere else."""
        obj = self.object
        shown = shown_suggestions(obj)
        if not any(category.pk != obj.category_id or category.unit_id != obj.unit_id for category, _ in shown):
            return None
        movable = adoptable(obj)
        items = [
            {
                "category": category,
                "unit": category.unit,
                "score": score,
                "adoptable": category in movable,
                "moves": category.unit_id != obj.unit_id,
            }
            for category, score in shown
        ]
        return {"items": items, "can_adopt": bool(movable)}

    def duplicates(self):
        """并案 suggestions: other open requests of its category about the same problem (text or within 50 m).

        Staff merge this one into an older one they may act on; a newer one is merged from its own page.
        """
        obj, user = self.object, self.request.user
        if not obj.is_open:
            return []
        rows = []
        for match in similar.duplicates_of(obj)[:10]:
            other = match.request
            older = (other.received_at, other.pk) < (obj.received_at, obj.pk)
            rows.append(
                {
                    "match": match,
                    "other": other,
                    "can_merge": older and may_act_on(user, other.unit_id, media_center=True),
                    "visible": may_act_on(user, other.unit_id, media_center=True),
                }
            )
        return rows

    @property
    def pending_extensions(self):
        if not hasattr(self, "_pending"):
            self._pending = list(
                self.object.extension_requests.filter(decision=ExtensionRequest.Decision.PENDING).select_related(
                    "requested_by"
                )
            )
        return self._pending

    def get_context_data(self, bound=None, **kwargs):
        context = super().get_context_data(**kwargs)
        obj, user = self.object, self.request.user
        forms = []
        for action in self.available_actions():
            if action == "adopt":
                continue
            if bound is not None and bound.action == action:
                forms.append(bound)
            else:
                forms.append(ACTION_FORMS[action](request_obj=obj, user=user))
        templates = {}
        answer_form = next((form for form in forms if form.action == "answer"), None)
        if answer_form is not None:
            templates = {str(t.pk): t.body for t in answer_form.fields["template"].queryset}
        events = obj.events.select_related("actor", "unit").order_by("at", "pk")
        context.update(
            object=obj,
            due=inbox.due_label(obj),
            photos=list(obj.photos.all()),
            events=events,
            extensions=obj.extension_requests.select_related("requested_by", "decided_by").order_by("requested_at"),
            pending_extensions=self.pending_extensions,
            suggestion=self.suggestion(),
            forms=forms,
            reply_templates=templates,
            merged_requests=obj.merged_requests.only("pk", "tracking_number", "title", "unit_id"),
            duplicates=self.duplicates(),
            me_toos=list(obj.me_toos.all()[:50]),
            sees_all=sees_all(user, media_center=True),
            channel=CHANNELS.get(obj.channel, obj.channel),
            open_action=bound.action if bound is not None else "",
            other_actions=other_actions(self.request, obj),
            followup=followup.rating_of(obj),
            resident_messages=followup.messages_of(obj),
        )
        return context

    # --- acting -----------------------------------------------------------------------------

    def post(self, request, *args, **kwargs):
        action = request.POST.get("action", "")
        form_class = ACTION_FORMS.get(action)
        if action == "decide" and not inbox.can_decide_extensions(request.user):
            messages.error(request, "延期申请由县里审批。")
            return redirect(DETAIL_URL_NAME, pk=self.object.pk)
        if form_class is None or action not in self.available_actions():
            messages.error(request, "这条留言现在不能做这个操作，请刷新页面后再试。")
            return redirect(DETAIL_URL_NAME, pk=self.object.pk)
        form = form_class(request.POST, request_obj=self.object, user=request.user)
        if action == "answer" and "insert_template" in request.POST:
            return self.insert_template(form)
        if not form.is_valid():
            messages.error(request, "请按提示修改后再提交。")
            return self.render_to_response(self.get_context_data(bound=form))
        try:
            text = self.perform(action, form)
        except HandlingError as error:
            messages.error(request, str(error))
            return self.render_to_response(self.get_context_data(bound=form))
        messages.success(request, text)
        self.object.refresh_from_db()
        if may_act_on(request.user, self.object.unit_id, media_center=True):
            return redirect(DETAIL_URL_NAME, pk=self.object.pk)
        return redirect(INBOX_URL_NAME)

    def insert_template(self, form):
        """Without JavaScript: put the chosen template's text into the reply box and show the form again."""
        form.is_valid()
        template = form.cleaned_data.get("template")
        reply = form.cleaned_data.get("reply", "")
        if template is not None:
            reply = f"{reply}\n\n{template.body}".strip() if reply else template.body
        fresh = AnswerForm(
            request_obj=self.object, user=self.request.user, initial={"reply": reply, "template": template}
        )
        return self.render_to_response(self.get_context_data(bound=fresh))

    def perform(self, action, form):
        """Run one action through ``handling``; returns what to tell the staff member."""
        obj, user, data = self.object, self.request.user, form.cleaned_data
        by_county = sees_all(user, media_center=True)
        if action == "accept":
            handling.accept(obj, user)
            return "已受理。请在答复期限前答复留言人。"
        if action == "transfer":
            handling.transfer(
                obj, data["unit"], data["reason"], user, category=data.get("category"), by_county=by_county
            )
            return f"已转给{data['unit']}。"
        if action == "adopt":
            chosen = data.get("category") or obj.suggested_category
            moves = chosen is not None and chosen.unit_id != obj.unit_id
            adopt_suggestion(obj, user, category=data.get("category"), by_county=by_county)
            if moves:
                return f"已按智能分拨建议改派给{obj.unit}。"
            return f"已按智能分拨建议把分类改为“{obj.category.name}”。"
        if action == "ask":
            handling.ask_for_information(obj, data["question"], user)
            return "已请留言人补充。补充之前，答复期限暂停计算。"
        if action == "answer":
            handling.answer(obj, data["reply"], user)
            return "答复已发布，留言人可以查看和评价了。"
        if action == "note":
            handling.add_note(obj, data["note"], user)
            return "备注已保存，只有工作人员能看到。"
        if action == "extend":
            extension = handling.request_extension(obj, data["working_days"], data["reason"], user)
            reminders.notify_extension(extension)
            return "延期申请已提交，等县里审批。"
        if action == "decline":
            handling.decline(obj, data["reason"], user)
            return "已不予受理，理由会告诉留言人。"
        if action == "merge":
            main = form.main_request
            if not may_act_on(user, main.unit_id, media_center=True):
                raise HandlingError("只能并入您能办理的留言；跨单位并案请联系县里。")
            handling.merge(obj, main, user)
            return f"已并入留言 {main.tracking_number}，答复主案即可。"
        if action == "decide":
            if not inbox.can_decide_extensions(user):
                raise PermissionDenied
            approve = data["decision"] == "approve"
            handling.decide_extension(data["extension"], approve, user)
            StaffNotice.objects.filter(request=obj, kind=StaffNotice.Kind.EXTENSION).update(read_at=timezone.now())
            if approve:
                obj.refresh_from_db()
                return f"已同意延期，新的答复期限是 {timezone.localtime(obj.answer_due):%Y-%m-%d %H:%M}。"
            return "已不同意延期，答复期限不变。"
        raise HandlingError("不认识的操作。")  # pragma: no cover - ACTION_FORMS and this list go together
