"""/api/v1/requests/: the public 我要留言 answers, exactly as /liuyan/public/ shows them.

The rows are ``resident_requests.public.public_requests()`` (sent as public, taken up by a unit) and
every text goes through ``public.Shown`` (masked: phones, ID numbers, e-mail addresses, the sender's
name). No contact, no photo, no name. A search word that is itself personal data finds nothing, as
on the website, and a word holding the sender's name does not find their request.
"""

import re
from datetime import datetime
from typing import Literal

from django.urls import reverse
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from townsquare.resident_requests import public

from . import cursors, schemas
from .common import SLUG_MAX_CHARS, TEXT_MAX_CHARS, clean_text, local

router = Router(tags=["requests"])
ORDER = ("received_at", "pk")
TRACKING_PATTERN = r"[0-9]{8,20}"


class RequestFilters(Schema):
    status: Literal["", "open", "answered", "merged"] = Field(
        default="", description="open 办理中 / answered 已答复 / merged 已并案"
    )
    unit: str = Field(default="", max_length=SLUG_MAX_CHARS, description="办理单位的 slug")
    category: str = Field(default="", max_length=SLUG_MAX_CHARS, description="留言分类的代码")
    q: str = Field(default="", max_length=TEXT_MAX_CHARS, description="标题或内容包含的字词")
    cursor: str = Field(default="", max_length=cursors.CURSOR_MAX_CHARS, description="上一页返回的 next_cursor")
    limit: int = Field(default=0, ge=0, le=1000, description="每页条数（0 为默认；不超过设置的上限）")


def item(shown, request):
    row = shown.request
    return {
        "tracking_number": shown.tracking_number,
        "title": shown.title,
        "summary": shown.summary,
        "type_label": shown.type_label,
        "category": shown.category_name,
        "unit": {"slug": row.unit.slug, "name": row.unit.display_name},
        "status": shown.status,
        "status_label": shown.status_label,
        "received_at": local(row.received_at),
        "answered_at": local(row.answered_at) if shown.is_answered else None,
        "reply_summary": shown.reply_summary,
        "url": request.build_absolute_uri(reverse("resident_requests:public_detail", args=[row.tracking_number])),
    }


@router.get("/", response={200: schemas.RequestList, 400: schemas.Error}, summary="公开的群众留言和答复")
def request_list(request, filters: Query[RequestFilters]):
    """网站“留言公开”里的留言，最新的在前。个人信息（电话、身份证号、邮箱、姓名）已隐去。"""
    size = cursors.page_size(filters.limit)
    after = cursors.decode(filters.cursor, (datetime, int))
    rows = public.public_requests()
    keyword = clean_text(filters.q)
    if keyword and public.looks_personal(keyword):
        rows = rows.none()  # neither a match nor a non-match may tell where such data is
    elif keyword:
        rows = public.search(rows, keyword)
    if filters.unit:
        rows = rows.filter(unit__slug=filters.unit)
    if filters.category:
        rows = rows.filter(category__code=filters.category)
    rows = public.filter_by_status(rows, filters.status)
    if after:
        rows = rows.filter(cursors.after(ORDER, after))
    found = list(rows[: size + 1])
    shown = found[:size]
    cursor = cursors.encode(shown[-1].received_at, shown[-1].pk) if len(found) > size else None
    return {
        "items": [item(public.Shown(row), request) for row in shown],
        "next": cursors.next_link(request, cursor),
        "next_cursor": cursor,
    }


@router.get(
    "/{tracking_number}/",
    response={200: schemas.RequestDetail, 404: schemas.Error},
    summary="一条公开留言（含办理过程和答复）",
)
def request_detail(request, tracking_number: str):
    """一条公开留言的全部公开内容；未公开、未受理或不存在的编号都回答 404。"""
    row = public.public_request(tracking_number) if re.fullmatch(TRACKING_PATTERN, tracking_number) else None
    if row is None:
        raise HttpError(404, "没有这个编号的公开留言。")
    shown = public.Shown(row)
    main = shown.merged_into
    return {
        **item(shown, request),
        "details": shown.details,
        "address": shown.address,
        "reply": shown.reply,
        "rating_label": shown.rating_label,
        "events": [{"at": local(event.at), "label": event.label, "note": event.note} for event in shown.events],
        "merged_into": None
        if main is None
        else {
            "tracking_number": main.tracking_number,
            "status_label": main.status_label,
            "unit": main.unit_name,
            "reply": main.reply if main.is_answered else "",
        },
    }
