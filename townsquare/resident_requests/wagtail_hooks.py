"""我要留言 in the Wagtail admin: the inbox, the statistics, the reminder panel and the county's settings.

Hooks this app reads: ``townsquare_request_actions`` — fn(request, resident_request) returning a list of
{"label", "url", "method"} offered on a request's admin page by other apps (依申请公开: 转为依申请公开);
``townsquare_request_form_parts`` — fn(request) returning HTML put under the public form's text
(``{% request_form_parts %}``; the knowledge base's suggested answers).
``townsquare_request_public_notes`` — fn(resident_request) returning [(heading, text, url)] shown on a public
request's page (热点问题: the 回应关切 its topic received).
"""

from django.urls import path, reverse_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.sidebar import LinkMenuItem
from wagtail.admin.ui.tables import Column
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import (
    CreateView,
    IndexView,
    SnippetViewSet,
    SnippetViewSetGroup,
)

from townsquare.core.life import LifeService
from townsquare.units.access import is_staff_member
from townsquare.units.permissions import COUNTY_ONLY, UnitScopedPolicy, UnitScopedViewSet

from . import admin_views, inbox, personal_data, stats_views
from .admin_forms import ReplyTemplateForm
from .deadlines import policy_for
from .models import OPEN_STATUSES, ApiKey, Category, DeadlinePolicy, ReplyTemplate, RequestType, StaffNotice
from .open311 import key_admin

# --- Who may manage the settings (registered before anything asks for a policy) ---------------

# Superusers and county staff manage these; anyone else only with an explicit Django permission.
for _model in (Category, DeadlinePolicy, ApiKey):
    register_permission_policy(_model, UnitScopedPolicy(_model, unit_actions=COUNTY_ONLY))
# County staff manage every reply template; a unit's staff manage their own unit's.
register_permission_policy(ReplyTemplate, UnitScopedPolicy(ReplyTemplate))


# --- The inbox and the statistics ---------------------------------------------------------------


@hooks.register("register_admin_urls")
def resident_requests_admin_urls():
    return admin_views.admin_urls()


hooks.register("register_admin_urls", stats_views.register_stats_admin_url)


class InboxMenuItem(MenuItem):
    """我要留言, with the number of requests still open in the user's units beside it: 我要留言（3）."""

    def is_shown(self, request):
        return is_staff_member(request.user)

    def render_component(self, request):
        count = inbox.open_count(request.user)
        label = f"{self.label}（{count}）" if count else self.label
        return LinkMenuItem(
            self.name, label, self.url, icon_name=self.icon_name, classname=self.classname, attrs=self.attrs
        )


@hooks.register("register_admin_menu_item")
def inbox_menu_item():
    return InboxMenuItem(
        "我要留言", reverse_lazy(admin_views.INBOX_URL_NAME), name="resident-requests", icon_name="mail", order=150
    )


hooks.register("register_admin_menu_item", stats_views.stats_menu_item)


# --- 留言提醒 on the dashboard --------------------------------------------------------------------

KIND_ORDER = {StaffNotice.Kind.OVERDUE: 0, StaffNotice.Kind.DUE_SOON: 1, StaffNotice.Kind.EXTENSION: 2}
PANEL_LIMIT = 10


class RemindersPanel(Component):
    """Unread reminders for the user's units (and the county's copies for county staff), urgent first."""

    name = "resident_requests_reminders"
    template_name = "resident_requests/admin/home_panel.html"
    order = 50

    class Media:
        css = {"all": ["resident_requests/admin.css"]}

    def get_context_data(self, parent_context):
        user = parent_context["request"].user
        notices = (
            inbox.notices_for(user)
            .filter(request__status__in=OPEN_STATUSES)
            .select_related("request__unit")
            .order_by("request__answer_due", "pk")
        )
        seen, items = set(), []
        for notice in notices:
            key = (notice.request_id, notice.kind)
            if key not in seen:
                seen.add(key)
                items.append(notice)
        items.sort(key=lambda notice: (KIND_ORDER.get(notice.kind, 9), notice.request.answer_due))
        counts = inbox.bucket_counts(user)
        return {
            "notices": items[:PANEL_LIMIT],
            "more": max(len(items) - PANEL_LIMIT, 0),
            "counts": counts,
            "inbox_url": reverse_lazy(admin_views.INBOX_URL_NAME),
        }

    def render_html(self, parent_context=None):
        if not is_staff_member(parent_context["request"].user):
            return ""
        return super().render_html(parent_context)


@hooks.register("construct_homepage_panels")
def add_reminders_panel(request, panels):
    panels.append(RemindersPanel())


# --- 我要留言设置: catalogue, deadlines, reply templates, API keys -------------------------------


class CategoryViewSet(SnippetViewSet):
    model = Category
    icon = "tag"
    menu_label = "留言分类"
    list_display = ["name", "code", "unit", "routing_label", "active", "sort_order"]
    list_filter = ["unit", "active", "routing_label"]
    search_fields = ["name", "code", "keywords"]
    copy_view_enabled = False
    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("code")]),
        FieldPanel("description"),
        FieldPanel("unit"),
        MultiFieldPanel([FieldPanel("routing_label"), FieldPanel("keywords")], heading="智能分拨"),
        FieldRowPanel([FieldPanel("active"), FieldPanel("sort_order")]),
    ]


def effective_policies():
    """Every type's time limits as they apply now: the county's row, or the default from settings."""
    rows = set(DeadlinePolicy.objects.values_list("request_type", flat=True))
    return [
        {
            "label": label,
            "accept_within": policy_for(value)[0],
            "answer_within": policy_for(value)[1],
            "source": "县里设置" if value in rows else "默认",
        }
        for value, label in RequestType.choices
    ]


class DeadlinePolicyIndexView(IndexView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["effective_policies"] = effective_policies()
        return context


class DeadlinePolicyViewSet(SnippetViewSet):
    model = DeadlinePolicy
    icon = "time"
    menu_label = "办理时限"
    index_view_class = DeadlinePolicyIndexView
    index_template_name = "resident_requests/admin/deadline_policy_index.html"
    list_display = ["request_type", "accept_within", "answer_within"]
    copy_view_enabled = False
    panels = [
        FieldPanel("request_type"),
        FieldRowPanel([FieldPanel("accept_within"), FieldPanel("answer_within")]),
    ]


class ReplyTemplateViewSet(UnitScopedViewSet):
    model = ReplyTemplate
    icon = "doc-full"
    menu_label = "答复模板"
    list_display = ["title", "unit"]
    list_filter = ["unit"]
    search_fields = ["title", "body"]
    edit_handler = ObjectList(
        [FieldPanel("title"), FieldPanel("unit"), FieldPanel("body")], base_form_class=ReplyTemplateForm
    )

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("unit")


def masked_key(api_key):
    return f"{api_key.key[:4]}…（已隐藏）"


class ApiKeyCreateView(CreateView):
    def get_success_message(self, instance):
        return f"已为“{instance.name}”签发接口密钥：{instance.key}　请现在复制保存，之后不再完整显示。"


class ApiKeyIndexView(IndexView):
    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        return buttons + key_admin.listing_buttons(instance, self.request.user, self.permission_policy)


class ApiKeyViewSet(SnippetViewSet):
    model = ApiKey
    icon = "key"
    menu_label = "接口密钥"
    add_view_class = ApiKeyCreateView
    index_view_class = ApiKeyIndexView
    list_display = [
        "name",
        Column("key", label="密钥", accessor=masked_key),
        "active",
        "created_at",
        "last_used_at",
        "revoked_at",
    ]
    list_filter = ["active"]
    copy_view_enabled = False
    panels = [
        FieldPanel("name"),
        FieldPanel("active", help_text="取消勾选即停用，使用这个密钥的应用将不能再提交留言。"),
    ]

    def get_urlpatterns(self):
        """Revoke and rotate a key (``key_admin``), beside the snippet's own views."""
        return super().get_urlpatterns() + [
            path(
                f"{action}/<int:pk>/",
                key_admin.KeyActionView.as_view(action=action, permission_policy=self.permission_policy),
                name=action,
            )
            for action in ("revoke", "rotate")
        ]


class RequestSettingsGroup(SnippetViewSetGroup):
    menu_label = "我要留言设置"
    menu_icon = "cog"
    menu_order = 330
    items = (CategoryViewSet, DeadlinePolicyViewSet, ReplyTemplateViewSet, ApiKeyViewSet)


register_snippet(RequestSettingsGroup)


@hooks.register("townsquare_life_services", order=40)
def ask_life_service():
    """The 我要留言 tile; the header and footer link to it too (``{% life_service_url 'ask' %}``)."""
    return [LifeService("ask", "我要留言", "message-circle", "咨询、建议、投诉", url_name="resident_requests:submit")]


@hooks.register("townsquare_interaction_entries", order=10)
def ask_interaction_entries():
    return [
        LifeService(
            "ask", "我要留言", "message-circle", "咨询、建议、投诉，按时答复", url_name="resident_requests:submit"
        ),
        LifeService(
            "answers", "大家的留言", "list-checks", "看别人问过什么、怎么答的", url_name="resident_requests:public_list"
        ),
        LifeService("request-map", "留言地图", "map-pin", "身边有哪些事正在办", url_name="resident_requests:map"),
    ]


# Residents' personal data in closed cases: anonymised after PERSONAL_DATA_RETENTION_DAYS (privacy app).
hooks.register("townsquare_personal_data", personal_data.anonymise_closed)
