"""/api/v1/guides/: 办事指南, the service guides residents follow, with every element of a complete guide.

Lists are in the tree's order (``path``, unique and indexed), so a cursor is the last guide's path.
"""

from django.db.models import Q
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from townsquare.services.models import ServiceGuidePage

from . import cursors, schemas
from .common import ID_MAX, SLUG_MAX_CHARS, TEXT_MAX_CHARS, clean_text, in_town, unit_ref

router = Router(tags=["guides"])
LIST_FIELDS = ("id", "path", "title", "url_path", "summary", "unit", "visits", "promised_days", "online_url")


class GuideFilters(Schema):
    unit: str = Field(default="", max_length=SLUG_MAX_CHARS, description="实施主体的 slug")
    town: str = Field(default="", max_length=SLUG_MAX_CHARS, description="镇街的 slug：该镇街及其村（社区）的事项")
    q: str = Field(default="", max_length=TEXT_MAX_CHARS, description="事项名称或别名包含的字词")
    cursor: str = Field(default="", max_length=cursors.CURSOR_MAX_CHARS, description="上一页返回的 next_cursor")
    limit: int = Field(default=0, ge=0, le=1000, description="每页条数（0 为默认；不超过设置的上限）")


def live_guides():
    return ServiceGuidePage.objects.live().public().select_related("unit")


def item(guide, request):
    return {
        "id": guide.id,
        "title": guide.title,
        "summary": guide.summary,
        "unit": unit_ref(guide.unit),
        "visits_label": guide.visits_label,
        "promised_days": guide.promised_days,
        "online_url": guide.online_url,
        "url": request.build_absolute_uri(guide.get_url(request=request) or "/"),
    }


@router.get("/", response={200: schemas.GuideList, 400: schemas.Error}, summary="办事指南列表")
def guide_list(request, filters: Query[GuideFilters]):
    """已发布的办事指南；按实施单位、镇街或名称筛选，用 cursor 翻页。"""
    size = cursors.page_size(filters.limit)
    after = cursors.decode(filters.cursor, (str,))
    rows = live_guides().only(*LIST_FIELDS, "unit__slug", "unit__name", "unit__short_name").order_by("path")
    if filters.unit:
        rows = rows.filter(unit__slug=filters.unit)
    if filters.town:
        rows = rows.filter(in_town("unit", filters.town))
    if q := clean_text(filters.q):
        rows = rows.filter(Q(title__icontains=q) | Q(keywords__icontains=q))
    if after:
        rows = rows.filter(path__gt=after[0])
    found = list(rows[: size + 1])
    shown = found[:size]
    cursor = cursors.encode(shown[-1].path) if len(found) > size else None
    return {
        "items": [item(guide, request) for guide in shown],
        "next": cursors.next_link(request, cursor),
        "next_cursor": cursor,
    }


@router.get("/{int:guide_id}/", response={200: schemas.GuideDetail, 404: schemas.Error}, summary="一份办事指南")
def guide_detail(request, guide_id: int):
    """办事指南的全部要素：条件、材料、流程、时限、收费、地点、常见问题和法律依据。"""
    guide = None
    if 0 < guide_id <= ID_MAX:
        guide = live_guides().prefetch_related("materials", "steps", "faqs", "legal_basis").filter(pk=guide_id).first()
    if guide is None:
        raise HttpError(404, "没有这份办事指南，或它已撤下。")
    return {
        **item(guide, request),
        "applicants": guide.applicants,
        "conditions": guide.conditions,
        "legal_days": guide.legal_days,
        "time_limit_note": guide.time_limit_note,
        "fee_label": guide.fee_label,
        "fee_standard": guide.fee_standard,
        "place": guide.place,
        "window": guide.window,
        "office_hours": guide.office_hours,
        "transport": guide.transport,
        "consult_phone": guide.consult_phone,
        "complaint_phone": guide.complaint_phone,
        "materials": [
            {
                "name": material.name,
                "originals": material.originals,
                "copies": material.copies,
                "source": material.source,
                "required": material.required,
                "note": material.note,
            }
            for material in guide.materials.all()
        ],
        "steps": [{"title": step.title, "description": step.description} for step in guide.steps.all()],
        "questions": [{"question": faq.question, "answer": faq.answer} for faq in guide.faqs.all()],
        "legal_basis": [f"{basis.name}{basis.article}" for basis in guide.legal_basis.all()],
        "reviewed_on": guide.reviewed_on,
    }
