"""预约办理 in the Wagtail admin: the day's list per window, and the settings (windows, services, single days).

A unit's staff (any role) manage their own unit's windows, services and exceptions and
see their own windows' bookings; county staff and superusers see everything.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.urls import reverse_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import DeleteView, EditView, SnippetViewSet, SnippetViewSetGroup

from . import admin_views, staff
from .admin_forms import BookableServiceForm, DayExceptionForm, WindowForm
from .models import BookableService, DayException, Window


class UnitScopedPolicy(ModelPermissionPolicy):
    """Unit staff manage their unit's rows; county staff and superusers all of them."""

    def __init__(self, model, scoped):
        super().__init__(model)
        self.scoped = scoped  # user -> queryset of what they may manage

    def user_has_permission(self, user, action):
        return staff.access_for(user).any or super().user_has_permission(user, action)

    def user_has_permission_for_instance(self, user, action, instance):
        return staff.may_handle(user, instance)

    def instances_user_has_any_permission_for(self, user, actions):
        return self.scoped(user)

    def users_with_any_permission(self, actions):
        return (
            get_user_model()
            .objects.filter(Q(is_superuser=True) | Q(unit_memberships__isnull=False), is_active=True)
            .distinct()
        )

    def users_with_any_permission_for_instance(self, actions, instance):
        return (
            get_user_model().objects.filter(staff.staff_filter(staff.unit_id_of(instance)), is_active=True).distinct()
        )


register_permission_policy(Window, UnitScopedPolicy(Window, staff.windows_for))
register_permission_policy(BookableService, UnitScopedPolicy(BookableService, staff.services_for))
register_permission_policy(DayException, UnitScopedPolicy(DayException, staff.exceptions_for))


class OwnUnitEditView(EditView):
    def get_object(self, queryset=None):
        instance = super().get_object(queryset)
        if not staff.may_handle(self.request.user, instance):
            raise PermissionDenied
        return instance


class OwnUnitDeleteView(DeleteView):
    def get_object(self, queryset=None):
        instance = super().get_object(queryset)
        if not staff.may_handle(self.request.user, instance):
            raise PermissionDenied
        return instance


class ScopedViewSet(SnippetViewSet):
    edit_view_class = OwnUnitEditView
    delete_view_class = OwnUnitDeleteView
    copy_view_enabled = False
    inspect_view_enabled = False


class WindowViewSet(ScopedViewSet):
    model = Window
    icon = "home"
    menu_label = "办理窗口"
    list_display = ["name", "unit", "place", "active"]
    list_filter = ["active"]
    search_fields = ["name", "place"]
    edit_handler = ObjectList(
        [
            FieldPanel("unit"),
            FieldRowPanel([FieldPanel("name"), FieldPanel("phone")]),
            FieldPanel("place"),
            FieldRowPanel([FieldPanel("active"), FieldPanel("sort_order")]),
        ],
        base_form_class=WindowForm,
    )

    def get_queryset(self, request):
        return staff.windows_for(request.user)


def _schedule(service):
    try:
        return service.describe_schedule()
    except Exception:  # hours typed wrongly before validation existed: show them as typed
        return service.hours


class BookableServiceViewSet(ScopedViewSet):
    model = BookableService
    icon = "date"
    menu_label = "可预约事项"
    list_display = [
        Column("title", label="事项", accessor="title"),
        "window",
        Column("schedule", label="时段", accessor=_schedule),
        "capacity",
        "active",
    ]
    list_filter = ["active"]
    edit_handler = ObjectList(
        [
            FieldPanel("guide"),
            FieldPanel("window"),
            MultiFieldPanel(
                [
                    FieldPanel("weekdays"),
                    FieldPanel("hours"),
                    FieldRowPanel([FieldPanel("slot_minutes"), FieldPanel("capacity")]),
                    FieldPanel("open_on_makeup_days"),
                ],
                heading="办理时间和名额（节假日自动不开放）",
            ),
            FieldRowPanel([FieldPanel("days_ahead"), FieldPanel("max_per_phone_per_day")]),
            FieldPanel("notes"),
            FieldPanel("active"),
        ],
        base_form_class=BookableServiceForm,
    )

    def get_queryset(self, request):
        return staff.services_for(request.user)


class DayExceptionViewSet(ScopedViewSet):
    model = DayException
    icon = "warning"
    menu_label = "单日调整"
    list_display = ["day", "service", "closed", "hours", "capacity", "note"]
    list_filter = ["closed"]
    edit_handler = ObjectList(
        [
            FieldPanel("service"),
            FieldPanel("day"),
            FieldPanel("closed"),
            FieldRowPanel([FieldPanel("hours"), FieldPanel("capacity")]),
            FieldPanel("note"),
        ],
        base_form_class=DayExceptionForm,
    )

    def get_queryset(self, request):
        return staff.exceptions_for(request.user).order_by("-day")


class AppointmentSettingsGroup(SnippetViewSetGroup):
    menu_label = "预约办理设置"
    menu_icon = "cog"
    menu_order = 340
    items = (WindowViewSet, BookableServiceViewSet, DayExceptionViewSet)


register_snippet(AppointmentSettingsGroup)


@hooks.register("register_admin_urls")
def appointments_admin_urls():
    return admin_views.admin_urls()


class DayMenuItem(MenuItem):
    def is_shown(self, request):
        return staff.access_for(request.user).any


@hooks.register("register_admin_menu_item")
def day_menu_item():
    return DayMenuItem(
        "预约名单", reverse_lazy(admin_views.DAY_URL_NAME), name="appointments-day", icon_name="date", order=160
    )
