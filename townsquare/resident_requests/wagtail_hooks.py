"""我要留言 in the Wagtail admin: the inbox, the statistics, the reminder panel and the county's settings."""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.urls import reverse_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.sidebar import LinkMenuItem
from wagtail.admin.ui.tables import Column
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import (
    CreateView,
    DeleteView,
    EditView,
    IndexView,
    SnippetViewSet,
    SnippetViewSetGroup,
)

from townsquare.units.models import Unit

from . import admin_views, inbox, stats_views
from .admin_forms import ReplyTemplateForm
from .deadlines import policy_for
from .models import OPEN_STATUSES, ApiKey, Category, DeadlinePolicy, ReplyTemplate, RequestType, StaffNotice

# --- Who may manage the settings (registered before anything asks for a policy) ---------------


class CountyManagedPolicy(ModelPermissionPolicy):
    """Superusers and county staff manage these; anyone else only with an explicit Django permission."""

    def user_has_permission(self, user, action):
        return inbox.is_county_staff(user) or super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        granted = super().users_with_any_permission(actions).values("pk")
        county = Q(is_superuser=True) | Q(unit_memberships__unit__kind=Unit.Kind.COUNTY) | Q(pk__in=granted)
        return get_user_model().objects.filter(county, is_active=True).distinct()


class ReplyTemplatePolicy(CountyManagedPolicy):
    """County staff manage every reply template; a unit's staff manage their own unit's."""

    def user_has_permission(self, user, action):
        return super().user_has_permission(user, action) or bool(inbox.access_for(user).unit_ids)

    def user_has_permission_for_instance(self, user, action, instance):
        if super().user_has_permission(user, action):
            return True
        return instance.unit_id is not None and instance.unit_id in inbox.access_for(user).unit_ids

    def instances_user_has_any_permission_for(self, user, actions):
        templates = ReplyTemplate.objects.all()
        if any(super(ReplyTemplatePolicy, self).user_has_permission(user, action) for action in actions):
            return templates
        return templates.filter(unit_id__in=inbox.access_for(user).unit_ids)

    def users_with_any_permission(self, actions):
        county = super().users_with_any_permission(actions).values("pk")
        return (
            get_user_model()
            .objects.filter(Q(pk__in=county) | Q(unit_memberships__isnull=False), is_active=True)
            .distinct()
        )

    def users_with_any_permission_for_instance(self, actions, instance):
        county = super().users_with_any_permission(actions).values("pk")
        return (
            get_user_model()
            .objects.filter(Q(pk__in=county) | Q(unit_memberships__unit_id=instance.unit_id), is_active=True)
            .distinct()
        )


register_permission_policy(Category, CountyManagedPolicy(Category))
register_permission_policy(DeadlinePolicy, CountyManagedPolicy(DeadlinePolicy))
register_permission_policy(ApiKey, CountyManagedPolicy(ApiKey))
REPLY_TEMPLATE_POLICY = ReplyTemplatePolicy(ReplyTemplate)
register_permission_policy(ReplyTemplate, REPLY_TEMPLATE_POLICY)


# --- The inbox and the statistics ---------------------------------------------------------------


@hooks.register("register_admin_urls")
def resident_requests_admin_urls():
    return admin_views.admin_urls()


hooks.register("register_admin_urls", stats_views.register_stats_admin_url)


class InboxMenuItem(MenuItem):
    """我要留言, with the number of requests still open in the user's units beside it: 我要留言（3）."""

    def is_shown(self, request):
        return inbox.handles_requests(request.user)

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
        if not inbox.handles_requests(parent_context["request"].user):
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


class OwnUnitEditView(EditView):
    """Wagtail checks the model-wide permission; a unit's reply template also needs the instance check."""

    def get_object(self, queryset=None):
        instance = super().get_object(queryset)
        if not self.permission_policy.user_has_permission_for_instance(self.request.user, "change", instance):
            raise PermissionDenied
        return instance


class OwnUnitDeleteView(DeleteView):
    def get_object(self, queryset=None):
        instance = super().get_object(queryset)
        if not self.permission_policy.user_has_permission_for_instance(self.request.user, "delete", instance):
            raise PermissionDenied
        return instance


class ReplyTemplateViewSet(SnippetViewSet):
    model = ReplyTemplate
    icon = "doc-full"
    menu_label = "答复模板"
    list_display = ["title", "unit"]
    list_filter = ["unit"]
    search_fields = ["title", "body"]
    edit_view_class = OwnUnitEditView
    delete_view_class = OwnUnitDeleteView
    copy_view_enabled = False
    edit_handler = ObjectList(
        [FieldPanel("title"), FieldPanel("unit"), FieldPanel("body")], base_form_class=ReplyTemplateForm
    )

    def get_queryset(self, request):
        templates = REPLY_TEMPLATE_POLICY.instances_user_has_any_permission_for(request.user, ["change"])
        return templates.select_related("unit")


def masked_key(api_key):
    return f"{api_key.key[:4]}…（已隐藏）"


class ApiKeyCreateView(CreateView):
    def get_success_message(self, instance):
        return f"已为“{instance.name}”签发接口密钥：{instance.key}　请现在复制保存，之后不再完整显示。"


class ApiKeyViewSet(SnippetViewSet):
    model = ApiKey
    icon = "key"
    menu_label = "接口密钥"
    add_view_class = ApiKeyCreateView
    list_display = ["name", Column("key", label="密钥", accessor=masked_key), "active", "created_at", "last_used_at"]
    list_filter = ["active"]
    copy_view_enabled = False
    panels = [
        FieldPanel("name"),
        FieldPanel("active", help_text="取消勾选即停用，使用这个密钥的应用将不能再提交留言。"),
    ]


class RequestSettingsGroup(SnippetViewSetGroup):
    menu_label = "我要留言设置"
    menu_icon = "cog"
    menu_order = 330
    items = (CategoryViewSet, DeadlinePolicyViewSet, ReplyTemplateViewSet, ApiKeyViewSet)


register_snippet(RequestSettingsGroup)
