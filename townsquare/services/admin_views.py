"""办事指南完整性: what each guide of the editor's own units lacks, incomplete and stale first;
and the guide's workflow action view, which turns a refused publication into a Chinese message."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from wagtail.admin import messages
from wagtail.admin.views.pages.workflow import WorkflowActionView
from wagtail.admin.viewsets.pages import PageViewSet

from townsquare.units.access import is_staff_member, roles_of

from .models import IncompleteGuideError, ServiceGuidePage


def report_rows(user):
    """(guide, missing, stale) for the user's own units (everyone's for a superuser), most urgent first.

    Unlike most lists, county staff see only the county's guides: each unit answers for its own."""
    guides = ServiceGuidePage.objects.with_elements().order_by("unit__sort_order", "path")
    if not user.is_superuser:
        guides = guides.filter(unit_id__in=roles_of(user).unit_ids)
    rows = []
    for guide in guides:
        missing = guide.missing_elements()
        rows.append({
            "guide": guide,
            "missing": missing,
            "stale": guide.is_stale(),
            "blocked": bool(missing) and not guide.incomplete_reason.strip(),
        })  # fmt: skip
    rows.sort(key=lambda row: (not row["blocked"], not row["missing"], not row["stale"]))
    return rows


def completeness_report(request):
    if not is_staff_member(request.user):
        raise PermissionDenied
    rows = report_rows(request.user)
    context = {
        "rows": rows,
        "blocked": sum(row["blocked"] for row in rows),
        "with_reason": sum(bool(row["missing"]) and not row["blocked"] for row in rows),
        "stale": sum(row["stale"] for row in rows),
    }
    return TemplateResponse(request, "services/admin/completeness_report.html", context)


class GuideWorkflowActionView(WorkflowActionView):
    """通过/终审 from the dashboard or the review modal: an incomplete guide is sent back with a message.

    The approval runs in a transaction (``Task.on_action``), so a refused publication leaves the
    guide on the step it was at; the reviewer sees which elements are missing and where the
    缺项说明 goes, instead of a bare 403.
    """

    def post(self, request, *args, **kwargs):
        try:
            return super().post(request, *args, **kwargs)
        except IncompleteGuideError as refused:
            messages.error(request, refusal_message(self.object, str(refused)))
            edit_url = reverse("wagtailadmin_pages:edit", args=[self.object.pk])
            if request.headers.get("x-requested-with") == "XMLHttpRequest":
                return self.render_modal_json(request, {"step": "success", "redirect": edit_url})
            return redirect(edit_url)


def refusal_message(guide, refusal):
    title = guide.get_latest_revision_as_object().title if guide.pk else guide.title
    return (
        f"《{title}》没有通过，仍停在当前审核步骤。{refusal}"
        "“缺项说明”在本页（编辑页）“内容”栏最下方的“核对与缺项说明”里，写明原因后再点“通过”；"
        "也可以点“退回修改”，请编辑补全后重新提交。"
    )


class ServiceGuidePageViewSet(PageViewSet):
    model = ServiceGuidePage
    name = "service_guides"
    workflow_action_view_class = GuideWorkflowActionView
