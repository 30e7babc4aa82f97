"""/api/v1/pages/: publications of every public type, newest first, across the whole site.

Each type is its own table, so a list asks each chosen type for one page of rows after the cursor
(``-first_published_at, -path``, the index ``ArticlePage.listing()`` sorts by) and merges them: a
fixed number of queries whatever the number of pages. Reading pages from outside the page tree, these
answers depend on every page change (``core.pagecache``: the SQL watcher records it by itself).
"""

from datetime import date, datetime
from typing import Literal

from django.utils.html import strip_tags
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from wagtail.models import Page

from townsquare.publishing.models import (
    InterpretationPage,
    NewsPage,
    NoticePage,
    PolicyPage,
    PublicityPage,
    TopicPage,
)

from . import cursors, schemas
from .common import (
    ID_MAX,
    SLUG_MAX_CHARS,
    TEXT_MAX_CHARS,
    clean_text,
    date_range,
    fact_value,
    in_range,
    in_town,
    local,
    unit_ref,
)

router = Router(tags=["pages"])

PAGE_TYPES = {
    "news": NewsPage,
    "notice": NoticePage,
    "publicity": PublicityPage,
    "policy": PolicyPage,
    "interpretation": InterpretationPage,
    "topic": TopicPage,
}
TYPE_OF = {model: name for name, model in PAGE_TYPES.items()}
LIST_FIELDS = ("id", "path", "title", "url_path", "first_published_at", "summary", "unit")
ORDER = ("first_published_at", "path")
PageType = Literal["news", "notice", "publicity", "policy", "interpretation", "topic"]


class PageFilters(Schema):
    type: list[PageType] = Field(default=[], description="类型，可多选；不填为全部")
    unit: str = Field(default="", max_length=SLUG_MAX_CHARS, description="发布单位的 slug（见 /api/v1/units/）")
    town: str = Field(default="", max_length=SLUG_MAX_CHARS, description="镇街的 slug：该镇街及其村（社区）发布的")
    since: date | None = Field(default=None, description="发布日期不早于（含）")
    until: date | None = Field(default=None, description="发布日期不晚于（含）")
    q: str = Field(default="", max_length=TEXT_MAX_CHARS, description="标题包含的字词")
    cursor: str = Field(default="", max_length=cursors.CURSOR_MAX_CHARS, description="上一页返回的 next_cursor")
    limit: int = Field(default=0, ge=0, le=1000, description="每页条数（0 为默认；不超过设置的上限）")


def _rows(model, filters, start, end, after, size, private):
    rows = (
        model.objects.live()
        .exclude(private)
        .filter(first_published_at__isnull=False)
        .only(*LIST_FIELDS, "unit__slug", "unit__name", "unit__short_name")
        .select_related("unit")
        .order_by("-first_published_at", "-path")
    )
    if filters.unit:
        rows = rows.filter(unit__slug=filters.unit)
    if filters.town:
        rows = rows.filter(in_town("unit", filters.town))
    if start or end:
        rows = rows.filter(in_range("first_published_at", start, end))
    if q := clean_text(filters.q):
        rows = rows.filter(title__icontains=q)
    if after:
        rows = rows.filter(cursors.after(ORDER, after))
    return list(rows[: size + 1])


def item(page, request):
    return {
        "id": page.id,
        "type": TYPE_OF[type(page)],
        "title": page.title,
        "summary": page.summary,
        "unit": unit_ref(page.unit),
        "published_at": local(page.first_published_at),
        "url": request.build_absolute_uri(page.get_url(request=request) or "/"),
    }


@router.get("/", response={200: schemas.PageList, 400: schemas.Error}, summary="文章列表（新闻、通知、公示、政策等）")
def page_list(request, filters: Query[PageFilters]):
    """全站已发布的文章，最新的在前；按类型、发布单位、镇街、日期和标题筛选，用 cursor 翻页。"""
    size = cursors.page_size(filters.limit)
    after = cursors.decode(filters.cursor, (datetime, str))
    start, end = date_range(filters.since, filters.until)
    models = [PAGE_TYPES[name] for name in dict.fromkeys(filters.type)] or list(PAGE_TYPES.values())
    private = Page.objects.private_q()  # pages under a view restriction, asked once for every type
    rows = [row for model in models for row in _rows(model, filters, start, end, after, size, private)]
    rows.sort(key=lambda page: (page.first_published_at, page.path), reverse=True)
    shown = rows[:size]
    cursor = cursors.encode(shown[-1].first_published_at, shown[-1].path) if len(rows) > size else None
    return {
        "items": [item(page, request) for page in shown],
        "next": cursors.next_link(request, cursor),
        "next_cursor": cursor,
    }


def _facts(page):
    if isinstance(page, PolicyPage):
        return page.key_facts()
    if isinstance(page, PublicityPage):
        return [
            ("公示期", f"{fact_value(page.period_starts)} 至 {fact_value(page.period_ends)}"),
            ("状态", page.status_label()),
        ]
    if isinstance(page, NoticePage):
        facts = [("适用对象", page.applies_to)] if page.applies_to else []
        return facts + ([("有效期至", page.valid_until)] if page.valid_until else [])
    if isinstance(page, InterpretationPage) and page.policy_id:
        return [("解读的文件", page.policy.title), ("解读形式", page.get_form_display())]
    return []


@router.get(
    "/{int:page_id}/", response={200: schemas.PageDetail, 404: schemas.Error}, summary="一篇文章（含正文 HTML）"
)
def page_detail(request, page_id: int):
    """一篇已发布文章的全部内容：正文为网站上显示的 HTML。"""
    if not 0 < page_id <= ID_MAX:
        raise HttpError(404, "没有这篇文章。")
    page = Page.objects.live().public().filter(pk=page_id).specific().first()
    if page is None or type(page) not in TYPE_OF or page.first_published_at is None:
        raise HttpError(404, "没有这篇文章，或它已撤下。")
    body = str(page.body)
    return {
        **item(page, request),
        "summary": page.summary or strip_tags(body)[:120],
        "body_html": body,
        "facts": [{"label": label, "value": fact_value(value)} for label, value in _facts(page)],
        "updated_at": local(page.last_published_at),
    }
