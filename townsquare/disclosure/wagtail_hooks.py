"""政务公开 in Wagtail: the section's page types under every home, its provisioning, the 公开目录 block on
item pages, and the admin for catalogue entries, 标准目录 areas and items with each unit's coverage.

Hooks read here: ``townsquare_disclosure_application`` — fn(unit) -> [(label, url), ...], the links of the
app that takes 依申请公开 applications, shown on the unit's 依申请公开 page (nothing when none is registered).
"""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.admin.widgets.button import Button, HeaderButton
from wagtail.permissions import policy_registry, register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from townsquare.units.access import is_staff_member
from townsquare.units.permissions import COUNTY_ONLY, UnitScopedPolicy, UnitScopedViewSet

from .admin_forms import CatalogueEntryForm, StandardItemForm
from .admin_views import CoverageView
from .annual import admin as annual_admin
from .models import AnnualReport, AppliedArea, CatalogueEntry, StandardItem
from .provisioning import ensure_disclosure_section
from .templatetags.disclosure_tags import render_catalogue_block


class CataloguePolicy(UnitScopedPolicy):
    """Entries are made when a page is first published and go with it: nobody adds or deletes them by hand."""

    def user_has_permission(self, user, action):
        return action not in ("add", "delete") and super().user_has_permission(user, action)

    def user_has_permission_for_instance(self, user, action, instance):
        return action not in ("add", "delete") and super().user_has_permission_for_instance(user, action, instance)


register_permission_policy(CatalogueEntry, CataloguePolicy(CatalogueEntry, unit_actions=("change",)))
# The county decides which 标准目录 areas apply to each unit; units keep their own items.
register_permission_policy(AppliedArea, UnitScopedPolicy(AppliedArea, unit_actions=COUNTY_ONLY))
register_permission_policy(StandardItem, UnitScopedPolicy(StandardItem))
# 公开年报: the unit's staff write their own; the county's report (all units) is the county staff's.
register_permission_policy(AnnualReport, UnitScopedPolicy(AnnualReport))


class CatalogueEntryViewSet(UnitScopedViewSet):
    model = CatalogueEntry
    icon = "list-ul"
    menu_label = "公开目录"
    list_display = ["index_number", "page", "unit", "category", "published_on"]
    list_filter = ["category", "year"]
    search_fields = ["index_number"]
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("category"), FieldPanel("area")]),
            FieldRowPanel([FieldPanel("topic"), FieldPanel("genre")]),
            FieldRowPanel([FieldPanel("written_on"), FieldPanel("validity")]),
        ],
        base_form_class=CatalogueEntryForm,
    )

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("page", "unit")


class AppliedAreaViewSet(UnitScopedViewSet):
    model = AppliedArea
    icon = "tick"
    menu_label = "适用领域"
    list_display = ["unit", "area"]
    list_filter = ["unit", "area"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("unit")


class StandardItemViewSet(UnitScopedViewSet):
    model = StandardItem
    icon = "clipboard-list"
    menu_label = "标准目录事项"
    list_display = ["title", "unit", "area", "formed_on"]
    list_filter = ["unit", "area"]
    search_fields = ["title"]

    def get_edit_handler(self):
        return ObjectList(StandardItem.panels, base_form_class=StandardItemForm).bind_to_model(StandardItem)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("unit")


class DisclosureGroup(SnippetViewSetGroup):
    items = (CatalogueEntryViewSet, AppliedAreaViewSet, StandardItemViewSet, annual_admin.AnnualReportViewSet)
    menu_icon = "folder-open-inverse"
    menu_label = "政务公开"
    menu_name = "disclosure"
    menu_order = 260


register_snippet(DisclosureGroup)


@hooks.register("register_admin_urls")
def disclosure_admin_urls():
    return [path("gongkai/fugai/", CoverageView.as_view(), name="disclosure_coverage"), *annual_admin.admin_urls()]


@hooks.register("register_snippet_listing_buttons")
def annual_report_buttons(snippet, user, next_url=None):
    """On each 公开年报 of the list: 预览和发布 (the generated report, its files and the publish button)."""
    if isinstance(snippet, AnnualReport):
        yield Button("预览、导出和发布", reverse(annual_admin.PREVIEW, args=[snippet.pk]), icon_name="view", priority=5)


class CoverageMenuItem(MenuItem):
    def is_shown(self, request):
        return is_staff_member(request.user)


@hooks.register("register_reports_menu_item")
def coverage_menu_item():
    return CoverageMenuItem("标准目录公开情况", reverse("disclosure_coverage"), icon_name="list-ul", order=910)


@hooks.register("register_page_header_buttons")
def catalogue_entry_button(page, user, view_name, next_url=None):
    """On a catalogued page's editor: 公开目录信息, to the entry (when the page has been published)."""
    entry = CatalogueEntry.objects.filter(page_id=page.pk).only("pk", "unit_id").first()
    policy = policy_registry.get_by_type(CatalogueEntry)
    if entry is None or not policy.user_has_permission_for_instance(user, "change", entry):
        return
    yield HeaderButton(
        "公开目录信息",
        reverse("wagtailsnippets_disclosure_catalogueentry:edit", args=[entry.pk]),
        icon_name="list-ul",
        priority=80,
    )


# --- extension points of other apps ------------------------------------------------------------------


@hooks.register("townsquare_home_subpage_types")
def disclosure_section_under_homes():
    return ["disclosure.DisclosureIndexPage"]


# Every unit gets its 政府信息公开 section when its part of the site is provisioned.
hooks.register("townsquare_provision_unit", ensure_disclosure_section)


@hooks.register("townsquare_article_header")
def catalogue_block_on_items(page):
    return render_catalogue_block(page)
