"""Putting a 公开年报 on the unit's ``DisclosureReportPage`` of that year, in its 年度报告 column.

The page is created once per unit and year (a page already there for the year, e.g. one staff uploaded,
is the one updated). Its new content is a revision: with the unit's 三审 workflow, the revision is
submitted to it and goes live when 终审 approves (the same path as every page of the unit); a page with no
workflow, and the demo (``directly=True``), is published at once.
"""

from django.db import transaction
from django.utils.html import escape, linebreaks

from townsquare.publishing.models import HomePage, UnitHomePage

from ..models import DisclosureIndexPage, DisclosureReportIndexPage, DisclosureReportPage
from .tables import build, public

TEXT_HEADINGS = (
    ("overview", "一、总体情况"),
    ("problems", "五、存在的主要问题及改进情况"),
    ("other", "六、其他需要报告的事项"),
)


class ReportError(Exception):
    """Why a report cannot be published, in Chinese."""


def report_index(unit):
    """The unit's 年度报告 column."""
    home = UnitHomePage.objects.filter(unit=unit).first() or HomePage.objects.filter(unit=unit).first()
    section = DisclosureIndexPage.objects.child_of(home).first() if home else None
    index = DisclosureReportIndexPage.objects.child_of(section).first() if section else None
    if index is None:
        raise ReportError(f"{unit.display_name}还没有“政府信息公开工作年度报告”栏目，请先开通政府信息公开栏目。")
    return index


def body_html(data):
    """The report's texts as rich text (searchable; the tables come from ``tables``)."""
    parts = []
    for key, heading in TEXT_HEADINGS:
        parts.append(f"<h2>{heading}</h2>")
        parts.append(linebreaks(escape(data["texts"][key] or "无。")))
    return "".join(parts)


def year_page(report, index):
    page = DisclosureReportPage.objects.child_of(index).filter(year=report.year).first()
    return page.get_latest_revision_as_object() if page is not None else None


@transaction.atomic
def publish(report, user=None, *, directly=False):
    """Create or update the year's page from ``report``; returns (page, went_live)."""
    data = build(report)
    index = report_index(report.unit)
    page = year_page(report, index)
    if page is None:
        page = DisclosureReportPage(
            title=DisclosureReportPage.default_title(report.unit, report.year),
            slug=str(report.year),
            year=report.year,
            live=False,
        )
        page.tables = public(data)
        page.body = body_html(data)
        index.add_child(instance=page)
    else:
        page.tables = public(data)
        page.body = body_html(data)
    page.full_clean()
    revision = page.save_revision(user=user, log_action=True)
    workflow = page.get_workflow()
    went_live = directly or workflow is None
    if went_live:
        revision.publish(user=user, skip_permission_checks=True)
    elif page.current_workflow_state is None:
        workflow.start(page, user)
    report.page = page
    report.save(update_fields=["page", "updated_at"])
    return DisclosureReportPage.objects.get(pk=page.pk), went_live
