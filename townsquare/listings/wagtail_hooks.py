"""生活服务信息 in the Wagtail admin: one list per kind, the moderation queue and the reports queue."""

from functools import cache, partial

from django.urls import reverse_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.admin.ui.sidebar import LinkMenuItem
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, SnippetViewSet, SnippetViewSetGroup

from townsquare.core.life import LifeService
from townsquare.units.access import is_county_staff
from townsquare.units.permissions import COUNTY_ONLY, UnitScopedPolicy, UnitScopedViewSet

from . import admin_views, home, personal_data, staff
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

# A unit's staff change their unit's own listings (not residents' submissions, which county staff moderate).
for _model in (JobListing, RentalListing, EnrolmentNotice, TrafficNotice, Event, Offer):
    register_permission_policy(_model, UnitScopedPolicy(_model, unit_rows={"source": Source.UNIT}))
# Schools and attractions: kept by county staff (and anyone given the Django permission).
for _model in (School, Attraction):
    register_permission_policy(_model, UnitScopedPolicy(_model, unit_actions=COUNTY_ONLY))


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


class ListingViewSet(UnitScopedViewSet):
    add_view_class = UnitCreateView
    list_display = ["title", "town", "status", "source", "expires_at"]
    list_filter = ["status", "source", "town"]
    search_fields = ["title"]
    ordering = ["-created_at"]
    inspect_view_enabled = False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("town")


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
        return is_county_staff(request.user)

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


# The life-service tiles (生活服务) this app's lists fill, with their live hints (see townsquare.core.life).
LIFE_TILES = [
    ("jobs", "招聘", "briefcase", "家门口的工作"),
    ("education", "教育", "graduation-cap", "学校和招生"),
    ("traffic", "交通", "bus", "封路、绕行、公交"),
    ("rentals", "租房", "house", "房源和租金"),
    ("culture", "文旅", "landmark", "活动、景点"),
    ("offers", "消费", "shopping-bag", "优惠和消费券"),
]


@hooks.register("townsquare_life_services", order=20)
def listings_life_services():
    # One summary for the six tiles of this grid (a cache read and its dependencies once, not six times).
    summary = cache(home.summary)
    return [
        LifeService(
            kind, label, icon, hint, url_name=f"listings:{kind}_list", live_hint=partial(home.tile_hint, kind, summary)
        )
        for kind, label, icon, hint in LIFE_TILES
    ]


# Residents' personal data in closed cases: anonymised after PERSONAL_DATA_RETENTION_DAYS (privacy app).
hooks.register("townsquare_personal_data", personal_data.anonymise_closed)
