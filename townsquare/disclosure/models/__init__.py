"""Models of 政务公开: the section's page types, the 公开目录 and the 标准目录 tracker."""

from .annual import AnnualReport, AnnualReportReminder
from .catalogue import CatalogueEntry, IndexCounter, attach_policy_facts
from .pages import (
    SECTION_SLUG,
    DisclosureApplicationPage,
    DisclosureIndexPage,
    DisclosureItemPage,
    DisclosureReportIndexPage,
    DisclosureReportPage,
    DisclosureTextPage,
)
from .tracker import AppliedArea, ItemState, StandardItem, StandardItemPage, Status, due_date, status_of

__all__ = [
    "SECTION_SLUG",
    "AnnualReport",
    "AnnualReportReminder",
    "AppliedArea",
    "CatalogueEntry",
    "DisclosureApplicationPage",
    "DisclosureIndexPage",
    "DisclosureItemPage",
    "DisclosureReportIndexPage",
    "DisclosureReportPage",
    "DisclosureTextPage",
    "IndexCounter",
    "ItemState",
    "StandardItem",
    "StandardItemPage",
    "Status",
    "attach_policy_facts",
    "due_date",
    "status_of",
]
