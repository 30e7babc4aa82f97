"""预约办理 in the Wagtail admin: the day's list per window, and the settings (windows, services, single days).

A unit's staff (any role) manage their own unit's windows, services and exceptions and
see their own windows' bookings; county staff and superusers see everything.
"""

from django.urls import reverse, reverse_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from townsquare.core.life import LifeService
from townsquare.units.access import is_staff_member
from townsquare.units.permissions import UnitScopedPolicy, UnitScopedViewSet

from . import admin_views, personal_data, staff
from .admin_forms import BookableServiceForm, DayExceptionForm, WindowForm
from .models import BookableService, DayException, Window

register_permission_policy(Window, UnitScopedPolicy(Window, staff.WINDOW_UNIT))
register_permission_policy(BookableService, UnitScopedPolicy(BookableService, staff.SERVICE_UNIT))
register_permission_policy(DayException, UnitScopedPolicy(DayException, staff.EXCEPTION_UNIT))


class WindowViewSet(UnitScopedViewSet):
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
        return super().get_queryset(request).select_related("unit")


def _schedule(service):
    try:
        return service.describe_schedule()
    except Exception:  # hours typed wrongly before validation existed: show them as typed
        return service.hours


class BookableServiceViewSet(UnitScopedViewSet):
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
        return super().get_queryset(request).select_related("window__unit", "guide")


class DayExceptionViewSet(UnitScopedViewSet):
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
        return super().get_queryset(request).select_related("service__window__unit", "service__guide").order_by("-day")


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
        return is_staff_member(request.user)


@hooks.register("register_admin_menu_item")
def day_menu_item():
    return DayMenuItem(
        "预约名单", reverse_lazy(admin_views.DAY_URL_NAME), name="appointments-day", icon_name="date", order=160
    )


@hooks.register("townsquare_guide_booking_urls")
def guide_booking_urls(guides):
    """The "预约办理" button of service guides: {guide pk: booking URL} for those that can be booked now.

    One query for any number of guides; the services app never imports this app.
    """
    pks = [guide.pk for guide in guides if guide.pk is not None]
    if not pks:
        return {}
    rows = (
        BookableService.objects.filter(guide_id__in=pks, active=True, window__active=True)
        .order_by("window__sort_order", "pk")
        .values_list("guide_id", "pk")
    )
    urls = {}
    for guide_id, service_pk in rows:
        urls.setdefault(guide_id, reverse("appointments:book", args=[service_pk]))
    return urls


@hooks.register("townsquare_life_services", order=35)
def appointments_life_service():
    """The 预约办理 tile of the home page's grid; its page leads on to 我的预约."""
    return [LifeService("yuyue", "预约办理", "calendar", "网上约时间、我的预约", url_name="appointments:index")]


# Residents' personal data in closed cases: anonymised after PERSONAL_DATA_RETENTION_DAYS (privacy app).
hooks.register("townsquare_personal_data", personal_data.anonymise_closed)


@hooks.register("townsquare_public_contacts")
def window_phones():
    # A window's 咨询电话 is published on the booking pages: replies that give it stay readable.
    return [(Window.objects.all(), ("phone",))]
