"""provision_unit gives a unit its columns, its staff's permissions and its 三审, and is safe to repeat."""

import pytest
from wagtail.models import GroupPagePermission, Page, Workflow, WorkflowPage

from townsquare.publishing.models import SectionPage, UnitHomePage
from townsquare.publishing.provisioning import ensure_unit_home, home_slug_for, provision_unit
from townsquare.units.models import Role, Unit

from ..factories import UnitFactory

pytestmark = pytest.mark.django_db


def columns(home):
    return [(s.kind, s.title, s.slug) for s in SectionPage.objects.child_of(home).order_by("path")]


def test_the_county_gets_all_six_columns(county):
    assert [kind for kind, _, _ in columns(county.home)] == [
        "news",
        "notice",
        "publicity",
        "policy",
        "interpretation",
        "topic",
    ]


def test_a_town_gets_news_notices_and_publicity_at_readable_addresses(town_a):
    assert columns(town_a.home) == [
        ("news", "镇村动态", "dongtai"),
        ("notice", "通知公告", "tongzhi"),
        ("publicity", "公示公告", "gongshi"),
    ]
    assert town_a.section("notice").url == "/qinghe/tongzhi/"
    assert all(section.live for section in town_a.sections.values())


def test_a_department_also_gets_policies_and_interpretations(county):
    department = UnitFactory(name="示范县民政局", short_name="民政局", kind=Unit.Kind.DEPARTMENT)
    home = UnitHomePage(title="网上的民政局", slug="minzheng", unit=department)
    county.home.add_child(instance=home)

    provision_unit(department, home)

    assert [kind for kind, _, _ in columns(home)] == ["news", "notice", "publicity", "policy", "interpretation"]


def test_role_groups_get_page_permissions_on_the_unit_home_only_and_never_publish(town_a):
    permissions = GroupPagePermission.objects.filter(group__name__startswith="青禾镇·")

    assert {p.page_id for p in permissions} == {town_a.home.pk}
    granted = {(p.group.name, p.permission.codename) for p in permissions}
    assert granted == {
        ("青禾镇·编辑", "add_page"),
        ("青禾镇·编辑", "change_page"),
        ("青禾镇·审核", "add_page"),
        ("青禾镇·审核", "change_page"),
        ("青禾镇·审核", "lock_page"),
        ("青禾镇·审核", "unlock_page"),
        ("青禾镇·负责人", "add_page"),
        ("青禾镇·负责人", "change_page"),
        ("青禾镇·负责人", "lock_page"),
        ("青禾镇·负责人", "unlock_page"),
    }
    unit_groups = GroupPagePermission.objects.filter(group__name__contains="·")
    assert unit_groups.exists()
    assert not unit_groups.filter(permission__codename="publish_page").exists()


def test_the_workflow_is_attached_to_the_unit_home(town_a):
    workflow_page = WorkflowPage.objects.get(page=town_a.home)

    assert workflow_page.workflow.name == "青禾镇三审"
    assert workflow_page.workflow.active


def test_running_it_again_changes_nothing(town_a):
    before = (
        columns(town_a.home),
        GroupPagePermission.objects.count(),
        Workflow.objects.count(),
        Page.objects.count(),
        sorted(WorkflowPage.objects.values_list("page_id", "workflow_id")),
    )

    again = provision_unit(town_a.unit, town_a.home)

    after = (
        columns(town_a.home),
        GroupPagePermission.objects.count(),
        Workflow.objects.count(),
        Page.objects.count(),
        sorted(WorkflowPage.objects.values_list("page_id", "workflow_id")),
    )
    assert after == before
    assert [section.pk for section in again] == [town_a.sections[k].pk for k in ("news", "notice", "publicity")]


def test_a_missing_column_is_put_back(town_a):
    town_a.section("publicity").delete()

    provision_unit(town_a.unit, town_a.home)

    assert [kind for kind, _, _ in columns(town_a.home)] == ["news", "notice", "publicity"]


@pytest.mark.parametrize("name, slug", [("青禾镇", "qinghe"), ("东湖街道", "donghu"), ("民政局", "minzheng")])
def test_home_addresses_are_pinyin_without_the_level_word(name, slug):
    assert home_slug_for(Unit(name=f"示范县{name}", short_name=name, slug="fallback")) == slug


def test_a_newly_registered_town_gets_its_home_columns_and_workflow(county):
    town = UnitFactory(name="示范县白沙镇", short_name="白沙镇", kind=Unit.Kind.TOWN)

    home = ensure_unit_home(town)

    assert home.title == "网上的白沙镇"
    assert home.live and home.url == "/baisha/"
    assert home.get_parent().pk == county.home.pk
    assert [kind for kind, _, _ in columns(home)] == ["news", "notice", "publicity"]
    assert home.get_workflow().name == "示范县白沙镇三审"
    assert town.group_for(Role.EDITOR).page_permissions.filter(page=home).exists()
    assert ensure_unit_home(town).pk == home.pk


def test_the_county_itself_gets_no_unit_home(county):
    assert ensure_unit_home(county.county.unit) is None


def test_home_pages_accept_the_page_types_other_apps_register():
    from townsquare.archive.models import ArchiveIndexPage
    from townsquare.publishing.models import HomePage
    from townsquare.services.models import ServiceIndexPage

    for home in (HomePage, UnitHomePage):
        assert {ServiceIndexPage, ArchiveIndexPage} <= set(home.allowed_subpage_models())


def test_a_new_unit_gets_the_pages_other_apps_provision(county):
    from townsquare.services.models import ServiceIndexPage

    town = UnitFactory(name="白沙镇", short_name="白沙镇", kind=Unit.Kind.TOWN)
    home = ensure_unit_home(town)

    assert ServiceIndexPage.objects.child_of(home).count() == 1
