"""/api/v1/units/ and /api/v1/weather/: the county's units, and the weather per town with its warnings."""

from django.utils import timezone
from ninja import Query, Router

from townsquare.core import pagecache
from townsquare.units.models import Unit
from townsquare.weather.summary import place_summaries

from . import schemas
from .common import SLUG_MAX_CHARS, local

router = Router()


@router.get("/units/", response=schemas.UnitList, tags=["units"], summary="单位列表（县、镇街、部门、村）")
def unit_list(request):
    """全县的单位，按网站上的顺序。其他接口的 unit、town 参数取这里的 slug。"""
    units = Unit.objects.select_related("parent").order_by("sort_order", "id")
    return {
        "items": [
            {
                "slug": unit.slug,
                "name": unit.name,
                "short_name": unit.short_name,
                "kind": unit.kind,
                "kind_label": unit.get_kind_display(),
                "parent": unit.parent.slug if unit.parent_id else None,
                "address": unit.address,
                "phone": unit.phone,
                "office_hours": unit.office_hours,
            }
            for unit in units
        ]
    }


@router.get(
    "/weather/",
    response={200: schemas.Weather, 400: schemas.Error},
    tags=["weather"],
    summary="天气：全县和各镇街的实况与预警",
)
def weather(request, town: str = Query("", max_length=SLUG_MAX_CHARS, description="镇街的 slug；不填为全部")):
    """各地最近一次获取的天气实况，以及正在生效的预警（已过期的不列出）。"""
    now = timezone.now()
    places = []
    for place in place_summaries():
        if town and place.slug != town:
            continue
        warnings = [warning for warning in place.warnings if warning.in_effect(now)]
        # The answer changes by the clock: when a place's data turns stale and when a warning ends.
        if place.stale_after > now:
            pagecache.valid_until(place.stale_after)
        for warning in warnings:
            pagecache.valid_until(warning.expires_at)
        places.append(
            {
                "town": place.slug,
                "name": place.name,
                "is_county": place.is_county,
                "temperature": place.temperature,
                "text": place.text,
                "fetched_at": local(place.fetched_at),
                "is_stale": place.stale_after < now,
                "warnings": [
                    {
                        "id": warning.id,
                        "title": warning.title,
                        "level": warning.level,
                        "level_label": warning.level_label,
                        "text": warning.text,
                        "instruction": warning.instruction,
                        "issued_at": local(warning.issued_at),
                        "expires_at": local(warning.expires_at),
                    }
                    for warning in warnings
                ],
            }
        )
    return {"places": places}
