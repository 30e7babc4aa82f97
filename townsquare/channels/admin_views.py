"""渠道账号 in the admin: the list with filters, 登记, 变更, and one channel's page with its actions and history."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from townsquare.units.access import may_act_on, scope, units_for
from townsquare.units.permissions import StaffOnlyMixin

from . import access, lifecycle
from .forms import ChannelForm, CloseForm, ReportUpdateForm, SuspendForm
from .models import Channel, local_today

INDEX_URL_NAME = "channels_admin_index"
PAGE_SIZE = 50


def admin_urls():
    return [
        path("zhanghao/", ChannelIndexView.as_view(), name=INDEX_URL_NAME),
        path("zhanghao/dengji/", ChannelCreateView.as_view(), name="channels_admin_create"),
        path("zhanghao/<int:pk>/", ChannelDetailView.as_view(), name="channels_admin_detail"),
        path("zhanghao/<int:pk>/biangeng/", ChannelEditView.as_view(), name="channels_admin_edit"),
    ]


def _apply_errors(form, error):
    """Put a lifecycle ValidationError on the form (fields it knows, else the form as a whole)."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


class Base(StaffOnlyMixin, WagtailAdminTemplateMixin, TemplateView):
    header_icon = "globe"

    def get_breadcrumbs_items(self):
        return [{"url": reverse(INDEX_URL_NAME), "label": "渠道账号"}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["zombie_days"] = settings.CHANNEL_ZOMBIE_DAYS
        return context

    def channel(self):
        channel = get_object_or_404(Channel.objects.select_related("unit"), pk=self.kwargs["pk"])
        if not may_act_on(self.request.user, channel.unit_id):
            raise PermissionDenied
        return channel


class ChannelIndexView(Base):
    template_name = "channels/admin/index.html"
    page_title = "渠道账号"

    def get_breadcrumbs_items(self):
        return [{"url": "", "label": "渠道账号"}]

    def filtered(self, channels, params, today):
        chosen = {}
        units = list(units_for(self.request.user))
        unit_ids = {str(unit.pk) for unit in units}
        if params.get("unit") in unit_ids:
            channels = channels.filter(unit_id=params["unit"])
            chosen["unit"] = params["unit"]
        if params.get("kind") in Channel.Kind.values:
            channels = channels.filter(kind=params["kind"])
            chosen["kind"] = params["kind"]
        if params.get("status") in Channel.Status.values:
            channels = channels.filter(status=params["status"])
            chosen["status"] = params["status"]
        if params.get("zombie") == "1":
            channels = channels.zombies(today)
            chosen["zombie"] = "1"
        elif params.get("zombie") == "0":
            channels = channels.not_zombies(today)
            chosen["zombie"] = "0"
        query = (params.get("q") or "").strip()[:60]
        if query:
            channels = channels.filter(Q(name__icontains=query) | Q(account_id__icontains=query))
            chosen["q"] = query
        return channels, chosen, units

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, today = self.request.user, local_today()
        visible = scope(user, Channel.objects.all())
        channels, chosen, units = self.filtered(visible, self.request.GET, today)
        channels = channels.select_related("unit").with_last_seen()
        page_obj = Paginator(channels, PAGE_SIZE).get_page(self.request.GET.get("p"))
        for channel in page_obj:
            channel.zombie = channel.is_zombie(today)
        context.update(
            page_obj=page_obj,
            chosen=chosen,
            units=units,
            kinds=Channel.Kind.choices,
            statuses=Channel.Status.choices,
            zombie_count=visible.zombies(today).count(),
            duplicates=lifecycle.duplicate_accounts(visible),
            today=today,
        )
        return context


class ChannelFormView(Base):
    template_name = "channels/admin/form.html"

    def form(self, data=None, instance=None):
        return ChannelForm(data, instance=instance, units=units_for(self.request.user))

    def render_form(self, form, **extra):
        return self.render_to_response(self.get_context_data(form=form, **extra))


class ChannelCreateView(ChannelFormView):
    page_title = "登记新账号（备案）"

    def get_breadcrumbs_items(self):
        return super().get_breadcrumbs_items() + [{"url": "", "label": "登记新账号"}]

    def get(self, request):
        return self.render_form(self.form())

    def post(self, request):
        form = self.form(request.POST)
        if form.is_valid():
            data = {name: form.cleaned_data[name] for name in form.fields}
            unit, kind, name = data.pop("unit"), data.pop("kind"), data.pop("name")
            try:
                channel = lifecycle.register_channel(unit, kind, name, by=request.user, **data)
            except ValidationError as error:
                _apply_errors(form, error)
            else:
                messages.success(request, f"已登记：{channel}")
                others = list(lifecycle.duplicates_of(channel))
                if others:
                    names = "、".join(f"“{other.name}”" for other in others)
                    messages.warning(
                        request,
                        f"提示：{channel.unit.display_name}在{channel.get_kind_display()}上已有{names}。"
                        "一个单位在同一平台原则上只开设一个账号，功能相近的请考虑合并。",
                    )
                return redirect("channels_admin_detail", channel.pk)
        return self.render_form(form)


class ChannelEditView(ChannelFormView):
    page_title = "变更账号信息"

    def get_breadcrumbs_items(self):
        return super().get_breadcrumbs_items() + [{"url": "", "label": "变更"}]

    def get(self, request, pk):
        channel = self.channel()
        return self.render_form(self.form(instance=channel), channel=channel)

    def post(self, request, pk):
        channel = self.channel()
        before = Channel.objects.get(pk=channel.pk)
        form = self.form(request.POST, instance=channel)
        if form.is_valid():
            changes = {name: form.cleaned_data[name] for name in form.fields}
            try:
                changed = lifecycle.change_channel(before, by=request.user, **changes)
            except ValidationError as error:
                _apply_errors(form, error)
            else:
                if changed:
                    messages.success(request, f"已变更：{'、'.join(changed)}")
                else:
                    messages.info(request, "没有改动。")
                return redirect("channels_admin_detail", channel.pk)
        return self.render_form(form, channel=before)


ACTIONS = {"suspend": SuspendForm, "close": CloseForm, "report_update": ReportUpdateForm}


class ChannelDetailView(Base):
    template_name = "channels/admin/detail.html"

    def get_page_title(self):
        return str(getattr(self, "object", "") or "渠道")

    def get_breadcrumbs_items(self):
        return super().get_breadcrumbs_items() + [{"url": "", "label": self.get_page_title()}]

    def forms_for(self, channel, bound=None):
        """The action forms this user may use on this channel now, each with its own field prefix."""
        user, forms = self.request.user, {}
        if not channel.is_external:
            return forms
        if channel.status == Channel.Status.ACTIVE:
            forms["report_update"] = ReportUpdateForm(prefix="report_update", initial={"date": local_today()})
            if access.can_retire(user, channel):
                forms["suspend"] = SuspendForm(prefix="suspend", initial={"continues_at": channel.continues_at})
        if channel.status != Channel.Status.CLOSED and access.can_retire(user, channel):
            forms["close"] = CloseForm(prefix="close", channel=channel, initial={"continues_at": channel.continues_at})
        if bound is not None and bound.action in forms:
            forms[bound.action] = bound
        return forms

    def context_for(self, channel, bound=None):
        self.object = channel
        today = local_today()
        return self.get_context_data(
            channel=channel,
            events=channel.events.select_related("by").order_by("-at", "-pk"),
            forms=self.forms_for(channel, bound),
            zombie=channel.is_zombie(today),
            days=channel.days_without_update(today),
            duplicates=list(lifecycle.duplicates_of(channel)),
            can_change=may_act_on(self.request.user, channel.unit_id),
            can_retire=access.can_retire(self.request.user, channel),
            public_url=reverse("channels:detail", args=[channel.pk]),
            links=[
                link
                for links in hooks.get_hooks("townsquare_channel_links")
                for link in links(channel, self.request.user)
            ],
        )

    def get(self, request, pk):
        return self.render_to_response(self.context_for(self.channel()))

    def post(self, request, pk):
        channel = self.channel()
        action = request.POST.get("action")
        form_class = ACTIONS.get(action)
        allowed = self.forms_for(channel)
        if form_class is None or action not in allowed:
            raise PermissionDenied
        kwargs = {"channel": channel} if form_class is CloseForm else {}
        form = form_class(request.POST, prefix=action, **kwargs)
        if form.is_valid():
            data, now = form.cleaned_data, timezone.now()
            try:
                if action == "report_update":
                    lifecycle.report_update(channel, data["date"], by=request.user, now=now)
                    message = f"已报送：最近更新日期 {data['date'].isoformat()}"
                elif action == "suspend":
                    notice = lifecycle.suspend_channel(
                        channel,
                        by=request.user,
                        continues_at=data.get("continues_at", ""),
                        continues_page=data.get("continues_page"),
                        now=now,
                    )
                    message = f"已停更，停更公告已发布：{notice.title}"
                else:
                    kwargs = {}
                    if "continues_at" in form.fields:
                        kwargs = {
                            "continues_at": data.get("continues_at", ""),
                            "continues_page": data.get("continues_page"),
                        }
                    lifecycle.close_channel(channel, by=request.user, now=now, detail=data.get("detail", ""), **kwargs)
                    message = "已注销并备案。"
            except ValidationError as error:
                _apply_errors(form, error)
                channel = self.channel()
            else:
                messages.success(request, message)
                return redirect("channels_admin_detail", channel.pk)
        return self.render_to_response(self.context_for(channel, bound=form))
