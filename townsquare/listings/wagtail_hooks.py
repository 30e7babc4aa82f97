"""生活服务信息 in the Wagtail admin: one list per kind, the moderation queue and the reports queue."""

from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import reverse_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.admin.ui.sidebar import LinkMenuItem
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, SnippetViewSet, SnippetViewSetGroup

from . import admin_views, staff
from .models import (
    Attraction,
    EnrolmentNotice,
    Event,
    JobListing,
    Offer,
    RentalListing,
    School,
    Source,
    Status,
    TrafficNotice,
)

# --- permissions: unit staff post for their unit; county staff moderate everything -------------------


class ListingPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        return staff.access_for(user).posts or super().user_has_permission(user, action)

    def user_has_permission_for_instance(self, user, action, instance):
        access = staff.access_for(user)
        if access.moderator or super().user_has_permission(user, action):
            return True
        return instance.source == Source.UNIT and instance.unit_id in access.unit_ids

    def instances_user_has_any_permission_for(self, user, actions):
        if super().user_has_permission(user, actions[0] if actions else "change"):
            return self.model.objects.all()
        return staff.visible_to(user, self.model.objects.all())

    def users_with_any_permission(self, actions):
        granted = super().users_with_any_permission(actions).values("pk")
        return (
            get_user_model()
            .objects.filter(
                Q(is_superuser=True) | Q(unit_memberships__isnull=False) | Q(pk__in=granted), is_active=True
            )
            .distinct()
        )


class DirectoryPolicy(ListingPolicy):
    """Schools and attractions: kept by county staff (and anyone given the Django permission)."""

    def user_has_permission(self, user, action):
        return staff.is_moderator(user) or ModelPermissionPolicy.user_has_permission(self, user, action)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)

    def instances_user_has_any_permission_for(self, user, actions):
        return (
            self.model.objects.all()
            if any(self.user_has_permission(user, a) for a in actions)
            else self.model.objects.none()
        )


for _model in (JobListing, RentalListing, EnrolmentNotice, TrafficNotice, Event, Offer):
    register_permission_policy(_model, ListingPolicy(_model))
for _model in (School, Attraction):
    register_permission_policy(_model, DirectoryPolicy(_model))


# --- the lists --------------------------------------------------------------------------------------


class UnitCreateView(CreateView):
    """A listing created in the admin is a unit's own: approved at once, under the poster's unit."""

    def get_initial_form_instance(self):
        instance = super().get_initial_form_instance() or self.model()
        instance.source = Source.UNIT
        instance.status = Status.APPROVED
        instance.unit = staff.home_unit(self.request.user)
        return instance


COMMON_TOP = [FieldPanel("title"), FieldPanel("town")]
CONTACT = MultiFieldPanel(
    [FieldRowPanel([FieldPanel("contact_name"), FieldPanel("contact_phone"), FieldPanel("contact_email")])],
    heading="联系方式（只在有人点“查看联系方式”时显示）",
)
EXPIRY = MultiFieldPanel([FieldPanel("expires_at")], heading="下架时间（留空按信息自己的日期）")


class ListingViewSet(SnippetViewSet):
    add_view_class = UnitCreateView
    list_display = ["title", "town", "status", "source", "expires_at"]
    list_filter = ["status", "source", "town"]
    search_fields = ["title"]
    ordering = ["-created_at"]
    copy_view_enabled = False
    inspect_view_enabled = False

    def get_queryset(self, request):
        return staff.visible_to(request.user, self.model.objects.select_related("town"))


class JobViewSet(ListingViewSet):
    model = JobListing
    icon = "user"
    menu_label = "招聘"
    panels = [
        *COMMON_TOP,
        FieldPanel("employer"),
        FieldRowPanel([FieldPanel("job_kind"), FieldPanel("openings")]),
        FieldRowPanel([FieldPanel("pay_min"), FieldPanel("pay_max"), FieldPanel("pay_period")]),
        FieldPanel("place"),
        FieldPanel("requirements"),
        FieldPanel("description"),
        FieldPanel("closing_date"),
        CONTACT,
        EXPIRY,
        FieldPanel("moderation_reason"),
    ]


class RentalViewSet(ListingViewSet):
    model = RentalListing
    icon = "home"
    menu_label = "租房"
    panels = [
        *COMMON_TOP,
        FieldRowPanel([FieldPanel("price"), FieldPanel("area"), FieldPanel("layout")]),
        FieldPanel("community"),
        FieldPanel("address"),
        FieldPanel("available_from"),
        FieldPanel("description"),
        CONTACT,
        EXPIRY,
        FieldPanel("moderation_reason"),
    ]


class EnrolmentViewSet(ListingViewSet):
    model = EnrolmentNotice
    icon = "doc-full"
    menu_label = "招生公告"
    panels = [
        *COMMON_TOP,
        FieldRowPanel([FieldPanel("school"), FieldPanel("school_kind")]),
        FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
        FieldPanel("place"),
        FieldPanel("description"),
        CONTACT,
        EXPIRY,
    ]


class TrafficViewSet(ListingViewSet):
    model = TrafficNotice
    icon = "warning"
    menu_label = "交通信息"
    list_display = ["title", "notice_kind", "place", "starts_at", "ends_at", "status"]
    panels = [
        *COMMON_TOP,
        FieldPanel("notice_kind"),
        FieldPanel("place"),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
        FieldPanel("advice"),
        FieldPanel("description"),
        CONTACT,
    ]


class EventViewSet(ListingViewSet):
    model = Event
    icon = "date"
    menu_label = "文旅活动"
    list_display = ["title", "category", "venue", "starts_at", "status"]
    panels = [
        *COMMON_TOP,
        FieldPanel("category"),
        FieldPanel("venue"),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
        FieldRowPanel([FieldPanel("price"), FieldPanel("booking_url")]),
        FieldPanel("description"),
        CONTACT,
    ]


class OfferViewSet(ListingViewSet):
    model = Offer
    icon = "tag"
    menu_label = "优惠和消费券"
    panels = [
        *COMMON_TOP,
        FieldRowPanel([FieldPanel("offer_kind"), FieldPanel("merchant")]),
        FieldPanel("address"),
        FieldRowPanel([FieldPanel("valid_from"), FieldPanel("valid_until")]),
        FieldPanel("conditions"),
        FieldPanel("description"),
        CONTACT,
        EXPIRY,
        FieldPanel("moderation_reason"),
    ]


class SchoolViewSet(SnippetViewSet):
    model = School
    icon = "group"
    menu_label = "学校名录"
    list_display = ["name", "school_kind", "town", "is_shown"]
    list_filter = ["school_kind", "town"]
    search_fields = ["name"]


class AttractionViewSet(SnippetViewSet):
    model = Attraction
    icon = "site"
    menu_label = "景点"
    list_display = ["name", "opening_hours", "town", "is_shown"]
    search_fields = ["name"]


class ListingsGroup(SnippetViewSetGroup):
    menu_label = "生活服务信息"
    menu_icon = "list-ul"
    menu_order = 160
    items = (
        JobViewSet,
        RentalViewSet,
        EnrolmentViewSet,
        SchoolViewSet,
        TrafficViewSet,
        EventViewSet,
        AttractionViewSet,
        OfferViewSet,
    )


register_snippet(ListingsGroup)


# --- the queues ---------------------------------------------------------------------------------------


@hooks.register("register_admin_urls")
def listings_admin_urls():
    return admin_views.admin_urls()


class CountedMenuItem(MenuItem):
    def __init__(self, *args, counter=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.counter = counter

    def is_shown(self, request):
        return staff.is_moderator(request.user)

    def render_component(self, request):
        count = self.counter()
        label = f"{self.label}（{count}）" if count else self.label
        return LinkMenuItem(self.name, label, self.url, icon_name=self.icon_name, classname=self.classname)


@hooks.register("register_admin_menu_item")
def moderation_menu_item():
    return CountedMenuItem(
        "信息审核",
        reverse_lazy(admin_views.QUEUE_URL_NAME),
        name="listings-moderation",
        icon_name="tasks",
        order=161,
        counter=staff.pending_count,
    )


@hooks.register("register_admin_menu_item")
def reports_menu_item():
    from .models import Report

    return CountedMenuItem(
        "举报处理",
        reverse_lazy(admin_views.REPORTS_URL_NAME),
        name="listings-reports",
        icon_name="warning",
        order=162,
        counter=lambda: Report.objects.filter(state=Report.State.OPEN).count(),
    )
