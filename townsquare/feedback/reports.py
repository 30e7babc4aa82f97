"""What the answers say, per address: for the editors' 页面反馈 and for 监管's list of unhelpful pages.

Each report is a fixed number of queries: the answers grouped by address, then the pages, units and 缺少什么
texts of the rows shown.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone
from wagtail.models import Page

from townsquare.units.models import Unit

from .models import PageAnswer

MISSING_PER_PAGE = 3


@dataclass
class PageRow:
    path: str
    answers: int
    unhelpful: int
    last: datetime
    page: Page | None = None
    unit: Unit | None = None
    missing: list = field(default_factory=list)
    views: int | None = None

    @property
    def helpful(self):
        return self.answers - self.unhelpful

    @property
    def unhelpful_percent(self):
        return round(100 * self.unhelpful / self.answers) if self.answers else 0

    @property
    def title(self):
        return self.page.title if self.page is not None else self.path


def answers_in(days, now=None, unit_ids=None):
    """Answers of the last ``days`` days, of the given units only unless ``unit_ids`` is None."""
    now = now or timezone.now()
    answers = PageAnswer.objects.since(now - timedelta(days=days))
    return answers if unit_ids is None else answers.filter(unit_id__in=unit_ids)


def page_rows(answers, limit, min_answers=1):
    """The addresses of ``answers``, the least helpful first, with their pages, units and latest texts."""
    grouped = answers.per_path().filter(answers__gte=min_answers)[:limit]
    rows = [PageRow(path=g["path"], answers=g["answers"], unhelpful=g["unhelpful"], last=g["last"]) for g in grouped]
    _attach(rows, grouped, answers)
    return rows


def unhelpful_pages(unit_ids=None, now=None):
    """For 监管: pages with at least FEEDBACK_UNHELPFUL_MIN_ANSWERS answers over FEEDBACK_UNHELPFUL_DAYS days, of
    which at least FEEDBACK_UNHELPFUL_SHARE said 没有; the least helpful first, with what people missed."""
    answers = answers_in(settings.FEEDBACK_UNHELPFUL_DAYS, now, unit_ids)
    grouped = list(answers.per_path().filter(answers__gte=settings.FEEDBACK_UNHELPFUL_MIN_ANSWERS))
    share = settings.FEEDBACK_UNHELPFUL_SHARE
    chosen = [g for g in grouped if g["unhelpful"] >= share * g["answers"]]
    chosen.sort(key=lambda g: (-g["unhelpful"] / g["answers"], -g["answers"], g["path"]))
    chosen = chosen[: settings.FEEDBACK_UNHELPFUL_LISTED]
    rows = [PageRow(path=g["path"], answers=g["answers"], unhelpful=g["unhelpful"], last=g["last"]) for g in chosen]
    _attach(rows, chosen, answers)
    return rows


def _attach(rows, grouped, answers):
    pages = Page.objects.in_bulk([g["page_ref"] for g in grouped if g["page_ref"]])
    units = Unit.objects.in_bulk([g["unit_ref"] for g in grouped if g["unit_ref"]])
    by_path = {row.path: row for row in rows}
    for g in grouped:
        row = by_path[g["path"]]
        row.page, row.unit = pages.get(g["page_ref"]), units.get(g["unit_ref"])
    texts = (
        answers.filter(path__in=list(by_path), helpful=False)
        .exclude(missing="")
        .order_by("-created_at")
        .values_list("path", "missing", "created_at")[: len(rows) * 20]
    )
    for path, text, created_at in texts:
        row = by_path[path]
        if len(row.missing) < MISSING_PER_PAGE:
            row.missing.append((text, created_at))
