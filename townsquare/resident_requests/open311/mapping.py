"""What our categories and requests look like through Open311 GeoReport v2.

- A service is an active Category: ``service_code`` = its code, ``group`` = its routing class.
- A service request is a ResidentRequest: ``service_request_id`` = its tracking number,
  ``expected_datetime`` = the answer deadline, ``agency_responsible`` = the unit.
- Fields we have no value for are left out (lat/long without a map point, media_url
  without a photo), so answers validate against both the JSON Schemas and the swagger types.
- The requests listed are exactly the website's public ones (``public.public_requests``): sent
  as public, and taken up by a unit (先审后发); not yet accepted or declined ones are not listed.
- Public output never carries the contact's name, phone or e-mail, and free text is
  masked (phones, ID numbers, e-mail addresses, the contact's name) on the way out.
"""

from datetime import datetime, timedelta

from django.db.models import Max
from django.utils import timezone

from townsquare.core.privacy import mask_text

from .. import public
from ..models import OPEN_STATUSES, ApiKey, Category, RequestType, ResidentRequest, Status

SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
FORMAT_TYPES = ["text/xml", "application/json"]
# When our service definitions (the attributes below) last changed; clients refresh cached definitions after it.
DEFINITIONS_CHANGED = datetime(2026, 11, 28, 0, 0, tzinfo=timezone.get_fixed_timezone(8 * 60))
OTHER_GROUP = "其他"
DESCRIPTION_MAX_CHARS = ResidentRequest._meta.get_field("details").max_length  # the spec's 4,000 as well
TITLE_MAX_CHARS = ResidentRequest._meta.get_field("title").max_length
TITLE_FROM_DESCRIPTION_CHARS = 30
# A resident's map point is public only to about 100 m, as on the website.
PUBLIC_COORDINATE_DECIMALS = 3

CLOSED_STATUSES = (Status.ANSWERED, Status.DECLINED, Status.MERGED)
STATUS_GROUPS = {"open": OPEN_STATUSES, "closed": CLOSED_STATUSES}

IS_PUBLIC_VALUES = [
    {"key": "true", "name": "公开（个人信息隐去后在网上公开留言和答复）"},
    {"key": "false", "name": "不公开（答复只通过联系方式告知）"},
]


def iso(moment):
    """ISO 8601 with the local offset, e.g. 2026-11-30T17:30:00+08:00."""
    if moment is None:
        return None
    return timezone.localtime(moment).isoformat(timespec="seconds")


def readable(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


# --- services ---------------------------------------------------------------------------------


def active_categories():
    return Category.objects.filter(active=True).order_by("sort_order", "id")


def service(category):
    return {
        "service_code": category.code,
        "service_name": category.name,
        "description": category.description,
        "metadata": True,
        "type": "realtime",
        "keywords": ",".join(category.keywords.replace("，", " ").replace(",", " ").split()),
        "group": category.routing_label or OTHER_GROUP,
    }


def service_definition(category):
    return {
        "service_code": category.code,
        "attributes": [
            {
                "variable": True,
                "code": "request_type",
                "datatype": "singlevaluelist",
                "required": True,
                "datatype_description": "从列表中选一项，提交时填写其 key。",
                "order": 1,
                "description": "留言类型",
                "values": [{"key": value, "name": label} for value, label in RequestType.choices],
            },
            {
                "variable": True,
                "code": "title",
                "datatype": "string",
                "required": True,
                "datatype_description": (
                    f"不超过{TITLE_MAX_CHARS}个字；未填写时取留言内容的前{TITLE_FROM_DESCRIPTION_CHARS}个字。"
                ),
                "order": 2,
                "description": "标题",
                "values": [],
            },
            {
                "variable": True,
                "code": "is_public",
                "datatype": "singlevaluelist",
                "required": False,
                "datatype_description": "true 或 false，默认 true。",
                "order": 3,
                "description": "是否同意公开",
                "values": IS_PUBLIC_VALUES,
            },
        ],
    }


# --- discovery --------------------------------------------------------------------------------


def discovery(base_url, county):
    contact = "示范县人民政府"
    if county is not None:
        parts = (county.name, county.phone and f"电话 {county.phone}", county.email)
        contact = "，".join(part for part in parts if part)
    return {
        "changeset": iso(DEFINITIONS_CHANGED),
        "contact": contact,
        "key_service": (
            f"提交留言需要接口密钥（api_key），由县人民政府在管理后台签发。申请请联系：{contact}。查询公开留言不需要密钥；"
            "查询自己刚提交、尚未受理的留言，请在 requests/编号.json 后加上提交时用的 api_key。"
        ),
        "endpoints": [
            {
                "specification": SPECIFICATION,
                "url": base_url,
                "changeset": iso(DEFINITIONS_CHANGED),
                "type": "production",
                "formats": FORMAT_TYPES,
            }
        ],
    }


# --- service requests -------------------------------------------------------------------------


def public_requests():
    """The website's public requests (``public.public_requests``: agreed to publish, taken up by a unit,
    not declined), with what their Open311 form needs in one query."""
    return public.public_requests().annotate(last_event_at=Max("events__at"))


def requests_filed_with(key):
    """The requests a still usable API key filed, whatever their state, as ``public_requests`` selects them."""
    return (
        ResidentRequest.objects.filter(api_key__key=key, api_key__in=ApiKey.usable())
        .select_related("category", "unit", "merged_into")
        .annotate(last_event_at=Max("events__at"))
    )


def _masked(text, request):
    return mask_text(text, names=[request.contact_name])


def status_notes(request):
    if request.status == Status.ANSWERED:
        return _masked(request.reply, request)
    if request.status == Status.DECLINED:
        return "不予受理：" + _masked(request.decline_reason, request)
    if request.status == Status.MERGED:
        into = request.merged_into
        return "重复诉求并单处理" + (f"，并入编号{into.tracking_number}一并办理。" if into else "。")
    return request.get_status_display()


def request_notice(request):
    unit = request.unit.name
    if request.status in OPEN_STATUSES:
        if request.status == Status.WAITING:
            return f"由{unit}办理，正在等留言人补充材料，补充后继续计时。"
        return f"由{unit}办理，预计{readable(request.answer_due)}前答复。"
    if request.status == Status.ANSWERED and request.answered_at:
        return f"{unit}已于{readable(request.answered_at)}答复。"
    return f"由{unit}办理，已办结。"


def service_request(request):
    """One request as the spec's Request object; personal data masked, contact details left out."""
    updated = getattr(request, "last_event_at", None) or request.received_at
    item = {
        "service_request_id": request.tracking_number,
        "status": "open" if request.status in OPEN_STATUSES else "closed",
        "status_notes": status_notes(request),
        "service_name": request.category.name,
        "service_code": request.category.code,
        "description": _masked(request.details, request)[:DESCRIPTION_MAX_CHARS],
        "agency_responsible": request.unit.name,
        "service_notice": request_notice(request),
        "requested_datetime": iso(request.received_at),
        "updated_datetime": iso(updated),
        "expected_datetime": iso(request.answer_due),
        "address": _masked(request.address, request),
        "address_id": "",
        "zipcode": "",
    }
    # Left out when unknown: the swagger types allow no null, and "" is no URI.
    if request.lat is not None and request.long is not None:
        item["lat"] = round(float(request.lat), PUBLIC_COORDINATE_DECIMALS)
        item["long"] = round(float(request.long), PUBLIC_COORDINATE_DECIMALS)
    # No media_url: residents' photos are never public (faces, licence plates); see resident_requests/storage.py.
    return item


def submitted(request):
    """The answer to POST requests: the number to follow, and what happens next."""
    notice = (
        f"留言已收到，编号{request.tracking_number}，由{request.unit.name}办理，"
        f"{readable(request.accept_due)}前受理，预计{readable(request.answer_due)}前答复。"
    )
    if request.is_public:
        notice += "请记下编号，凭编号查询办理进度。"
    else:
        notice += "留言不公开，答复将通过您留下的联系方式告知；请记下编号。"
    return {"service_request_id": request.tracking_number, "service_notice": notice, "account_id": ""}


def token(tracking_number):
    """We create requests at once, so a token is simply the request's number."""
    return {"service_request_id": tracking_number, "token": tracking_number}


def window(start, end, now, days):
    """The requested_datetime range of a listing: never longer than ``days``; the last ``days`` by default."""
    span = timedelta(days=days)
    if end is None:
        end = start + span if start is not None else now
    if start is None:
        start = end - span
    return start, end
