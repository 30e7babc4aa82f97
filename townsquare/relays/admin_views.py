"""同步与推送 in the admin: a channel's 公众号 connection, its sync history and webhooks; a page's sync history."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Page

from townsquare.channels.access import can_retire
from townsquare.channels.models import Channel
from townsquare.units.access import may_act_on
from townsquare.units.permissions import StaffOnlyMixin

from . import webhooks
from .forms import ConnectForm, WebhookForm
from .models import Webhook, WebhookDelivery, WechatAccount, WechatPublication
from .wechat import sync
from .wechat.client import WechatClient

CHANNEL_URL_NAME = "relays_channel"
PAGE_URL_NAME = "relays_page"
HISTORY_ROWS = 50


def admin_urls():
    return [
        path("tongbu/zhanghao/<int:pk>/", ChannelRelaysView.as_view(), name=CHANNEL_URL_NAME),
        path("tongbu/yemian/<int:page_id>/", PageSyncView.as_view(), name=PAGE_URL_NAME),
    ]


class Base(StaffOnlyMixin, WagtailAdminTemplateMixin, TemplateView):
    header_icon = "globe"


class ChannelRelaysView(Base):
    """Anyone of the unit sees and retries; connecting and webhooks (secrets) are for its head or county staff."""

    template_name = "relays/admin/channel.html"

    def get_page_title(self):
        return f"同步与推送：{self.object}" if getattr(self, "object", None) else "同步与推送"

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("channels_admin_index"), "label": "渠道账号"},
            {"url": reverse("channels_admin_detail", args=[self.object.pk]), "label": str(self.object)},
            {"url": "", "label": "同步与推送"},
        ]

    def channel(self):
        channel = get_object_or_404(Channel.objects.select_related("unit"), pk=self.kwargs["pk"])
        if not may_act_on(self.request.user, channel.unit_id):
            raise PermissionDenied
        self.object = channel
        return channel

    def context(self, channel, connect_form=None, webhook_form=None):
        account = WechatAccount.objects.filter(channel=channel).first()
        manage = can_retire(self.request.user, channel)
        is_wechat = channel.kind == Channel.Kind.WECHAT
        if manage and is_wechat and connect_form is None:
            connect_form = ConnectForm(account=account, initial={"app_id": account.app_id if account else ""})
        if manage and webhook_form is None:
            webhook_form = WebhookForm()
        return self.get_context_data(
            channel=channel,
            account=account,
            is_wechat=is_wechat,
            connected=sync.is_connected(channel),
            manage=manage,
            connect_form=connect_form if manage and is_wechat else None,
            webhook_form=webhook_form if manage else None,
            publications=channel.wechat_publications.select_related("page")[:HISTORY_ROWS],
            hooks=channel.webhooks.all(),
            deliveries=WebhookDelivery.objects.filter(webhook__channel=channel).select_related("webhook", "page")[
                :HISTORY_ROWS
            ],
        )

    def get(self, request, pk):
        return self.render_to_response(self.context(self.channel()))

    def post(self, request, pk):
        channel = self.channel()
        action = request.POST.get("action")
        manage = can_retire(request.user, channel)
        if action == "retry":
            publication = get_object_or_404(WechatPublication, pk=request.POST.get("id"), channel=channel)
            if publication.may_retry:
                sync.retry(publication)
                messages.success(request, f"已重新排队：{publication.title}")
        elif action == "resend":
            delivery = get_object_or_404(WebhookDelivery, pk=request.POST.get("id"), webhook__channel=channel)
            webhooks.resend(delivery)
            messages.success(request, "已重新发送。")
        elif not manage:
            raise PermissionDenied
        elif action == "connect" and channel.kind == Channel.Kind.WECHAT:
            account = WechatAccount.objects.filter(channel=channel).first()
            form = ConnectForm(request.POST, account=account)
            if not form.is_valid():
                return self.render_to_response(self.context(channel, connect_form=form))
            account = form.save(channel)
            WechatClient(account.app_id, "").forget_token()
            messages.success(request, "接入信息已保存。可以点“测试连接”检查一下。")
        elif action == "test":
            ok, message = sync.test_connection(channel)
            (messages.success if ok else messages.error)(request, message)
        elif action == "add_webhook":
            form = WebhookForm(request.POST)
            if not form.is_valid():
                return self.render_to_response(self.context(channel, webhook_form=form))
            form.save(channel)
            messages.success(request, "推送地址已添加。")
        elif action in ("pause_webhook", "resume_webhook", "delete_webhook"):
            hook = get_object_or_404(Webhook, pk=request.POST.get("id"), channel=channel)
            if action == "delete_webhook":
                hook.delete()
                messages.success(request, "推送地址已删除。")
            else:
                hook.active = action == "resume_webhook"
                hook.save(update_fields=["active"])
                messages.success(request, "已启用。" if hook.active else "已暂停。")
        else:
            raise PermissionDenied
        return redirect(CHANNEL_URL_NAME, channel.pk)


class PageSyncView(Base):
    """A page's 公众号 sync history, with the article links and 重试."""

    template_name = "relays/admin/page.html"

    def page(self):
        page = get_object_or_404(Page, pk=self.kwargs["page_id"]).specific
        unit = getattr(page, "unit", None)
        if unit is None and hasattr(page, "nearest_unit"):
            unit = page.nearest_unit()
        if unit is None or not may_act_on(self.request.user, unit.pk):
            raise PermissionDenied
        self.object = page
        return page

    def get_page_title(self):
        return f"公众号同步：{self.object.title}"

    def get_breadcrumbs_items(self):
        return [
            {"url": reverse("wagtailadmin_pages:edit", args=[self.object.pk]), "label": self.object.title},
            {"url": "", "label": "公众号同步"},
        ]

    def get(self, request, page_id):
        page = self.page()
        publications = WechatPublication.objects.filter(page=page).select_related("channel", "revision")
        return self.render_to_response(self.get_context_data(page=page, publications=publications))

    def post(self, request, page_id):
        page = self.page()
        publication = get_object_or_404(WechatPublication, pk=request.POST.get("id"), page=page)
        if publication.may_retry:
            sync.retry(publication)
            messages.success(request, "已重新排队，稍后刷新查看结果。")
        return redirect(PAGE_URL_NAME, page.pk)
