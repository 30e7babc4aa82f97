"""/api/v1/listings/: 生活服务 listings that are live (approved, not expired), as the website lists them.

Contacts are never in the API: the website shows a listing's contact only through its own
per-listing reveal (``Listing.contact_lines``, limited and logged there). Free text is masked
(``core.privacy.mask_text``) on the way out, a step stricter than the website.
Each kind is its own table: a list asks each chosen kind for a page after the cursor
(``-published_at, -pk``) and merges them, a fixed number of queries whatever the number of rows.
"""

from datetime import datetime
from typing import Literal

from django.db.models import Q
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from townsquare.core.privacy import mask_text
from townsquare.listings.models import LISTING_MODELS

from . import cursors, schemas
from .common import ID_MAX, SLUG_MAX_CHARS, TEXT_MAX_CHARS, clean_text, fact_value, local, unit_ref

router = Router(tags=["listings"])
ORDER = ("published_at", "pk")
Kind = Literal["jobs", "rentals", "education", "traffic", "culture", "offers"]
# What each kind's card and page show besides the title, in order (field names).
FACT_FIELDS = {
    "jobs": ("employer", "job_kind", "place", "openings", "closing_date"),
    "rentals": ("price", "area", "layout", "community", "address", "available_from"),
    "education": ("school_kind", "starts_on", "ends_on", "place"),
    "traffic": ("notice_kind", "place", "starts_at", "ends_at", "advice"),
    "culture": ("category", "venue", "starts_at", "ends_at", "price", "booking_url"),
    "offers": ("offer_kind", "merchant", "address", "valid_from", "valid_until", "conditions"),
}


class ListingFilters(Schema):
    kind: list[Kind] = Field(default=[], description="类别，可多选；不填为全部")
    town: str = Field(default="", max_length=SLUG_MAX_CHARS, description="所在镇街的 slug")
    q: str = Field(default="", max_length=TEXT_MAX_CHARS, description="标题或说明包含的字词")
    cursor: str = Field(default="", max_length=cursors.CURSOR_MAX_CHARS, description="上一页返回的 next_cursor")
    limit: int = Field(default=0, ge=0, le=1000, description="每页条数（0 为默认；不超过设置的上限）")


def _masked(listing, text):
    """Phones, ID numbers, e-mail addresses and the contact's name hidden, as in residents' requests."""
    return mask_text(text, names=[listing.contact_name] if listing.contact_name else ())


def _facts(listing):
    facts = []
    if listing.kind == "jobs":
        facts.append(("工资", listing.pay_text))
    for name in FACT_FIELDS[listing.kind]:
        field = listing._meta.get_field(name)
        value = getattr(listing, f"get_{name}_display")() if field.choices else getattr(listing, name)
        if value not in ("", None):
            facts.append((str(field.verbose_name), _masked(listing, fact_value(value))))
    return [{"label": label, "value": value} for label, value in facts]


def item(listing, request):
    return {
        "id": listing.reference,
        "kind": listing.kind,
        "kind_label": listing.kind_label,
        "title": _masked(listing, listing.title),
        "town": unit_ref(listing.town),
        "poster": listing.poster_label,
        "published_at": local(listing.published_at),
        "expires_at": local(listing.expires_at),
        "facts": _facts(listing),
        "url": request.build_absolute_uri(listing.get_absolute_url()),
    }


def _rows(model, filters, after, size):
    rows = model.objects.live().select_related("town", "unit").order_by("-published_at", "-pk")
    rows = rows.filter(published_at__isnull=False)
    if filters.town:
        rows = rows.filter(town__slug=filters.town)
    if q := clean_text(filters.q):
        rows = rows.filter(Q(title__icontains=q) | Q(description__icontains=q))
    if after:
        moment, pk, kind = after
        condition = cursors.after(ORDER, (moment, pk))
        if model.kind < kind:  # the same moment and number in another kind: after it in the order
            condition |= Q(published_at=moment, pk=pk)
        rows = rows.filter(condition)
    return list(rows[: size + 1])


@router.get("/", response={200: schemas.ListingList, 400: schemas.Error}, summary="生活服务信息列表")
def listing_list(request, filters: Query[ListingFilters]):
    """招聘、租房、招生、交通、文旅活动和优惠信息，只含已审核、未过期的，最新发布的在前。"""
    size = cursors.page_size(filters.limit)
    after = cursors.decode(filters.cursor, (datetime, int, str))
    models = [LISTING_MODELS[kind] for kind in dict.fromkeys(filters.kind)] or list(LISTING_MODELS.values())
    rows = [row for model in models for row in _rows(model, filters, after, size)]
    # Numbers repeat across kinds: the kind's name breaks a tie, and is part of the cursor.
    rows.sort(key=lambda row: (row.published_at, row.pk, row.kind), reverse=True)
    shown = rows[:size]
    last = shown[-1] if shown else None
    cursor = cursors.encode(last.published_at, last.pk, last.kind) if len(rows) > size else None
    return {
        "items": [item(row, request) for row in shown],
        "next": cursors.next_link(request, cursor),
        "next_cursor": cursor,
    }


@router.get(
    "/{kind}/{int:listing_id}/",
    response={200: schemas.ListingDetail, 400: schemas.Error, 404: schemas.Error},
    summary="一条生活服务信息",
)
def listing_detail(request, kind: Kind, listing_id: int):
    """一条已审核、未过期的信息；联系方式请在网站上查看（url）。"""
    model = LISTING_MODELS[kind]
    listing = None
    if 0 < listing_id <= ID_MAX:
        listing = model.objects.live().select_related("town", "unit").filter(pk=listing_id).first()
    if listing is None:
        raise HttpError(404, "没有这条信息，或它已过期、撤下。")
    return {
        **item(listing, request),
        "description": _masked(listing, listing.description),
        "has_contact": listing.has_contact,
    }
