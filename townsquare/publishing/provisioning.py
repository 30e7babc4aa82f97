"""Give a unit its place on the platform: home page, columns, staff permissions, 三审.

Idempotent: calling it again repairs what is missing and changes nothing else.
"""

from django.contrib.auth.models import Permission
from django.db import transaction
from wagtail import hooks
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from townsquare.units.models import Role, Unit, final_review_group

from .models import FinalReviewTask, SectionPage

# Which page actions each role may take in its unit's part of the tree. Nobody gets
# "publish": pages go live only through the 三审 workflow.
ROLE_PAGE_PERMISSIONS = {
    Role.EDITOR: ["add", "change"],
    Role.REVIEWER: ["add", "change", "lock", "unlock"],
    Role.HEAD: ["add", "change", "lock", "unlock"],
}
ROLE_MEDIA_PERMISSIONS = ["add", "choose"]

DEFAULT_SECTIONS = {
    Unit.Kind.COUNTY: [
        ("news", "政务动态", "xinwen"),
        ("notice", "通知公告", "tongzhi"),
        ("publicity", "公示公告", "gongshi"),
        ("policy", "政策文件", "zhengce"),
        ("interpretation", "政策解读", "jiedu"),
        ("topic", "专题专栏", "zhuanti"),
    ],
    Unit.Kind.TOWN: [
        ("news", "镇村动态", "dongtai"),
        ("notice", "通知公告", "tongzhi"),
        ("publicity", "公示公告", "gongshi"),
    ],
    Unit.Kind.DEPARTMENT: [
        ("news", "工作动态", "dongtai"),
        ("notice", "通知公告", "tongzhi"),
        ("publicity", "公示公告", "gongshi"),
        ("policy", "政策文件", "zhengce"),
        ("interpretation", "政策解读", "jiedu"),
    ],
}
DEFAULT_SECTIONS[Unit.Kind.STREET] = DEFAULT_SECTIONS[Unit.Kind.TOWN]
DEFAULT_SECTIONS[Unit.Kind.VILLAGE] = DEFAULT_SECTIONS[Unit.Kind.TOWN][:2]

# The step names are what staff see beside each step of a page's 三审 (初审 ○ 复审 ○ 终审 ○).
REVIEW_STEPS = [(Role.REVIEWER, "初审"), (Role.HEAD, "复审")]
FINAL_STEP_NAME = "终审"


def _page_permission(action):
    return Permission.objects.get(content_type__app_label="wagtailcore", codename=f"{action}_page")


def grant_unit_permissions(unit, home):
    """Each role group of ``unit`` may work on ``home`` and everything below it, and nowhere else."""
    root_collection = Collection.get_first_root_node()
    for role, actions in ROLE_PAGE_PERMISSIONS.items():
        group = unit.group_for(role)
        group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
        for action in actions:
            GroupPagePermission.objects.get_or_create(group=group, page=home, permission=_page_permission(action))
        for action in ROLE_MEDIA_PERMISSIONS:
            for app, model in (("wagtailimages", "image"), ("wagtaildocs", "document")):
                GroupCollectionPermission.objects.get_or_create(
                    group=group,
                    collection=root_collection,
                    permission=Permission.objects.get(content_type__app_label=app, codename=f"{action}_{model}"),
                )


def review_workflow(unit, home):
    """The unit's 三审 workflow (单位审核 → 单位负责人 → 县融媒体中心), attached to its home page.

    The unit's own two steps are its own tasks; the final step is one task that all units share.
    """
    workflow, _ = Workflow.objects.get_or_create(name=f"{unit.name}三审", defaults={"active": True})
    if not workflow.workflow_tasks.exists():
        tasks = []
        for role, name in REVIEW_STEPS:
            task = GroupApprovalTask.objects.create(name=name)
            task.groups.set([unit.group_for(role)])
            tasks.append(task)
        tasks.append(final_review_task())
        for order, task in enumerate(tasks):
            WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=order)
    WorkflowPage.objects.update_or_create(page=home, defaults={"workflow": workflow})
    return workflow


def final_review_task():
    """The one 终审 task all units share (a ``FinalReviewTask``: publish checks run before it approves)."""
    final = GroupApprovalTask.objects.filter(name=FINAL_STEP_NAME, groups=final_review_group()).first()
    if final is None:
        final = FinalReviewTask.objects.create(name=FINAL_STEP_NAME)
        final.groups.set([final_review_group()])
    return final


@transaction.atomic
def provision_unit(unit, home, sections=None):
    """Ensure ``home`` has the unit's default columns, permissions and workflow; return the columns.

    Hook ``townsquare_provision_unit``: a function ``(unit, home)`` that gives the unit the app's own
    pages too (e.g. services' 办事指南 column); it must be idempotent.
    """
    columns = []
    for kind, title, slug in sections if sections is not None else DEFAULT_SECTIONS[unit.kind]:
        column = SectionPage.objects.child_of(home).filter(slug=slug).first()
        if column is None:
            column = SectionPage(title=title, slug=slug, kind=kind)
            home.add_child(instance=column)
            column.save_revision().publish()
        columns.append(column)
    grant_unit_permissions(unit, home)
    review_workflow(unit, home)
    for provisioner in hooks.get_hooks("townsquare_provision_unit"):
        provisioner(unit, home)
    return columns


def home_slug_for(unit):
    """A readable URL name from the unit's Chinese name: 青禾镇 → qinghe (the level word dropped)."""
    from django.utils.text import slugify
    from pypinyin import lazy_pinyin

    name = unit.display_name
    for suffix in ("街道", "镇", "乡", "局", "委", "办"):
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            name = name[: -len(suffix)]
            break
    return slugify("".join(lazy_pinyin(name))) or unit.slug


def ensure_unit_home(unit):
    """Give a newly registered unit its home page ("网上的X") and columns under the county home."""
    from .models import HomePage, UnitHomePage

    existing = UnitHomePage.objects.filter(unit=unit).first()
    if existing is not None:
        provision_unit(unit, existing)
        return existing
    county = HomePage.objects.first()
    if county is None or unit.kind == Unit.Kind.COUNTY:
        return None
    slug = home_slug_for(unit)
    if Page.objects.child_of(county).filter(slug=slug).exists():
        slug = f"{slug}-{unit.pk}"
    home = UnitHomePage(title=f"网上的{unit.display_name}", slug=slug, unit=unit)
    county.add_child(instance=home)
    home.save_revision().publish()
    provision_unit(unit, home)
    return home
