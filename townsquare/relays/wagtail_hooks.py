"""同步与推送 in the admin: its views, a button on a publication's editor, a link on a channel's page.

Hooks offered to other apps: none. Hooks used: ``townsquare_channel_links`` (channels' detail page) and
``townsquare_article_header`` (a publication's public page: 本文同步发布于微信公众号, with the article's link).
"""

from django.urls import reverse
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.widgets.button import HeaderButton

from townsquare.publishing.models import ArticlePage
from townsquare.units.access import may_act_on

from . import admin_views
from .models import WechatPublication


@hooks.register("register_admin_urls")
def relays_admin_urls():
    return admin_views.admin_urls()


@hooks.register("register_page_header_buttons")
def wechat_sync_button(page, user, view_name, next_url=None):
    """On a publication's editor: 公众号同步, when it asked for the sync or was synced."""
    specific = page.specific_deferred if hasattr(page, "specific_deferred") else page
    if not isinstance(specific, ArticlePage):
        return
    if not (specific.sync_to_wechat or WechatPublication.objects.filter(page_id=page.pk).exists()):
        return
    unit = specific.unit or specific.nearest_unit()
    if unit is None or not may_act_on(user, unit.pk):
        return
    yield HeaderButton("公众号同步", reverse(admin_views.PAGE_URL_NAME, args=[page.pk]), icon_name="globe", priority=85)


@hooks.register("townsquare_channel_links")
def channel_relays_link(channel, user):
    """On every channel's admin page: 同步与推送 (公众号 connection and history, webhooks)."""
    label = "公众号接入与同步、推送" if channel.kind == "wechat" else "推送（Webhook）"
    return [(label, reverse(admin_views.CHANNEL_URL_NAME, args=[channel.pk]))]


@hooks.register("townsquare_article_header")
def synced_to_wechat_note(page):
    """On a publication synced to a 公众号: a line saying so, linking to the article (a demo account: no link)."""
    if not isinstance(page, ArticlePage) or not page.sync_to_wechat:
        return ""
    found = (
        WechatPublication.objects.filter(page_id=page.pk, status=WechatPublication.Status.PUBLISHED)
        .order_by("-published_at")
        .values_list("article_url", "channel__name", "channel__wechat_account__is_demo")
        .first()
    )
    if found is None:
        return ""
    url, name, demo = found
    if demo or not url:
        return format_html('<p class="synced-note">本文同步发布于微信公众号“{}”。</p>', name)
    return format_html(
        '<p class="synced-note">本文同步发布于微信公众号“<a href="{}" rel="noopener">{}</a>”。</p>', url, name
    )
