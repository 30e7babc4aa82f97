"""发布前审查 in the admin: the findings pages, the 错敏词 list (county staff), and the publish check.

Registers ``townsquare_before_publish_checks`` (see publishing/workflows.py): before 终审 or an archive
batch publishes a page, the page is screened; open findings hold it back, with the review page as
the place to resolve them.
"""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse_lazy
from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from townsquare.publishing.workflows import PublishHold
from townsquare.units.permissions import COUNTY_ONLY, StaffMenuItem, UnitScopedPolicy

from . import admin_views, review
from .models import Finding, SensitiveWord

# County staff (and superusers) keep the 错敏词 list; units' staff cannot change it.
register_permission_policy(SensitiveWord, UnitScopedPolicy(SensitiveWord, unit_actions=COUNTY_ONLY))


@hooks.register("register_admin_urls")
def screening_admin_urls():
    return admin_views.admin_urls()


@hooks.register("register_admin_menu_item")
def screening_menu_item():
    return StaffMenuItem(
        "发布前审查", reverse_lazy(admin_views.LIST_URL_NAME), name="screening", icon_name="warning", order=176
    )


class SensitiveWordViewSet(SnippetViewSet):
    model = SensitiveWord
    icon = "warning"
    menu_label = "错敏词"
    menu_order = 177
    add_to_admin_menu = True
    list_display = ["word", "kind", "suggestion", "active"]
    list_filter = ["kind", "active"]
    search_fields = ["word", "suggestion", "note"]
    copy_view_enabled = False


register_snippet(SensitiveWordViewSet)


@hooks.register("townsquare_before_publish_checks")
def screen_before_publishing(page, user=None):
    findings = review.screen(page)
    if not findings:
        return []
    return [
        PublishHold(
            f"发布前审查发现 {len(findings)} 处可能的个人信息或错敏词尚未处理，暂不能发布："
            "请逐条遮盖或确认误报后再审核通过。",
            admin_views.page_review_url(page.pk),
        )
    ]


@hooks.register("after_edit_page")
def explain_refused_approval(request, page):
    """审核通过 in the editor: when the check refused it, say so and go to the findings."""
    if request.POST.get("workflow-action-name") != "approve" or not page.workflow_in_progress:
        return None
    count = Finding.objects.filter(page=page, status=Finding.Status.OPEN).count()
    if not count:
        return None
    messages.error(request, f"终审未通过：发布前审查发现 {count} 处可能的个人信息或错敏词尚未处理。")
    return redirect(admin_views.page_review_url(page.pk))
