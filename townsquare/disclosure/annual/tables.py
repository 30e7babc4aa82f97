"""The figures of a 公开年报 as one plain dict (JSON-ready), the same for the admin preview, the page and the exports.

A figure is ``{"value": n, "source": s, "ids": [...]}``: ``source`` says what the ids are (``"pages"``: pages
behind a count, ``"applications"``: 依申请公开 applications) or is empty for a figure staff entered or a total.
``public(data)`` drops the ids: the public page shows counts only.
"""

from decimal import Decimal

from django.db.models import Q

from townsquare.disclosure_requests.statistics import COLUMNS, annual_table
from townsquare.publishing.models import PolicyPage

from ..choices import Category
from ..models import CatalogueEntry

DOCUMENT_HEADINGS = ("信息内容", "本年制发件数", "本年废止件数", "现行有效件数")
RESULT_HEADINGS = ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")
LITIGATION_GROUPS = (
    ("review", "行政复议"),
    ("direct", "行政诉讼　未经复议直接起诉"),
    ("after", "行政诉讼　复议后起诉"),
)
RESULT_FIELDS = ("upheld", "corrected", "other", "pending")


def figure(value, source="", ids=()):
    return {"value": value, "source": source, "ids": list(ids)}


def _entered(value):
    return figure(value)


def _policies(report):
    rows = PolicyPage.objects.live()
    if not report.county_wide:
        rows = rows.filter(unit=report.unit)
    year = report.year
    rows = rows.filter(
        Q(written_on__year=year)
        | Q(validity=PolicyPage.Validity.VALID)
        | Q(validity=PolicyPage.Validity.REPEALED, last_published_at__year=year)
    )
    return list(rows.values("pk", "written_on", "validity", "last_published_at"))


def documents(report):
    """第二十条第（一）项: 规章 (staff-entered: a county makes none) and 行政规范性文件 (the platform's 政策文件)."""
    policies = _policies(report)
    issued = [p["pk"] for p in policies if p["written_on"].year == report.year]
    repealed = [p["pk"] for p in policies if p["validity"] == PolicyPage.Validity.REPEALED]
    valid = [p["pk"] for p in policies if p["validity"] == PolicyPage.Validity.VALID]

    def counted(entered, ids):
        return _entered(entered) if entered is not None else figure(len(ids), "pages", ids)

    return [
        {
            "label": "规章",
            "cells": [_entered(report.rules_issued), _entered(report.rules_repealed), _entered(report.rules_valid)],
        },
        {
            "label": "行政规范性文件",
            "cells": [
                counted(report.normative_issued, issued),
                counted(report.normative_repealed, repealed),
                counted(report.normative_valid, valid),
            ],
        },
    ]


def published(report):
    """主动公开: the 公开目录 entries first published in the year, by category, and their total."""
    rows = CatalogueEntry.objects.filter(year=report.year)
    if not report.county_wide:
        rows = rows.filter(unit=report.unit)
    pages = {}
    for entry in rows.values("page_id", "category"):
        pages.setdefault(entry["category"], []).append(entry["page_id"])
    lines = [
        {"label": category.label, "figure": figure(len(pages[category.value]), "pages", pages[category.value])}
        for category in Category
        if category.value in pages
    ]
    every = [page for ids in pages.values() for page in ids]
    return lines, figure(len(every), "pages", every)


def applications(report):
    """Section 三, exactly the rows and columns of ``disclosure_requests.statistics.annual_table``."""
    table = annual_table(None if report.county_wide else report.unit, report.year)
    rows = []
    for row in table:
        cells = None
        if row.cells is not None:
            cells = [figure(row.cells[key].count, "applications", row.cells[key].ids) for key, _ in COLUMNS]
        rows.append({"key": row.key, "label": row.label, "level": row.level, "cells": cells})
    return {"columns": [label for _, label in COLUMNS], "rows": rows}


def litigation(report):
    """Section 四: for 行政复议 and both kinds of 行政诉讼, four entered results and their computed total."""
    groups = []
    for prefix, label in LITIGATION_GROUPS:
        values = [getattr(report, f"{prefix}_{field}") for field in RESULT_FIELDS]
        groups.append({"label": label, "cells": [_entered(v) for v in values] + [figure(sum(values))]})
    return groups


def fees_text(amount):
    amount = Decimal(amount).quantize(Decimal("0.0001")).normalize()
    return f"{amount:f}"


def build(report):
    """Everything the report shows, computed now."""
    lines, total = published(report)
    return {
        "title": str(report),
        "unit": report.unit.display_name,
        "year": report.year,
        "county_wide": report.county_wide,
        "texts": {"overview": report.overview, "problems": report.problems, "other": report.other_matters},
        "published": {"lines": lines, "total": total},
        "documents": documents(report),
        "decisions": [
            {"label": "行政许可", "figure": _entered(report.licensing)},
            {"label": "行政处罚", "figure": _entered(report.penalty)},
            {"label": "行政强制", "figure": _entered(report.coercion)},
        ],
        "fees": _entered(fees_text(report.fees)),
        "applications": applications(report),
        "litigation": litigation(report),
    }


def public(data):
    """A copy of ``data`` without ids (what the public page keeps in its revision)."""
    if isinstance(data, dict):
        return {key: public(value) for key, value in data.items() if key != "ids"}
    if isinstance(data, list):
        return [public(value) for value in data]
    return data


def every_figure(data):
    """(path, figure) of every figure in ``data``; the figure lookup of the admin's “明细” view uses the path."""
    found = []

    def walk(node, path):
        if isinstance(node, dict):
            if "value" in node and "source" in node:
                found.append((path, node))
                return
            for key, value in node.items():
                walk(value, f"{path}.{key}" if path else key)
        elif isinstance(node, list):
            for index, value in enumerate(node):
                walk(value, f"{path}.{index}")

    walk(data, "")
    return found


def find(data, path):
    """The figure at ``path`` (as ``every_figure`` names it), or None."""
    return dict(every_figure(data)).get(path)
