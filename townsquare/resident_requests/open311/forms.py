"""Checking what Open311 clients send: a new service request, and the filters of a listing.

Both are Django forms, so every problem becomes a Chinese message naming the API
parameter, e.g. ``description：内容不能超过4000个字（现有4123个字）。``

Choices made where the spec leaves room (documented for client developers):

- Location: the spec requires one of lat+long, address_string or address_id, and so do we.
  We keep no address register, so an address_id alone is stored as the address text.
  (Matters without a place — a question about school places — go through the web form.)
- Contact: a name (first_name and/or last_name) and a phone or an e-mail address are
  required, as on the web form: the unit must be able to reach the resident. Chinese
  names are joined family name first (last_name + first_name).
- Title: the attribute ``title``; when a client leaves it out, the first 30 characters of
  the description (generic clients do not know our attributes).
- ``is_public`` defaults to true, as on the web form; public output is masked.
- ``media_url`` is kept as an internal note for the unit and never fetched.
- Resending: the header ``Idempotency-Key`` (or the attribute ``submission_key``) makes a
  resent POST return the request the first one created. Keys are per API key.
- ``jurisdiction_id``, ``device_id`` and ``account_id`` are accepted and ignored: we serve one county.
- Lists come in pages of OPEN311_PAGE_SIZE requests, newest first (the spec lets implementations
  limit results): ``page=2``, ``3``… for more; a page past the end is an empty list, a page that is
  no whole number from 1 to MAX_PAGE a 400. The ``Link`` header names the next and previous pages.
"""

import json
import re
from datetime import datetime, time, timedelta
from decimal import Decimal

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from townsquare.core.forms import normalize_email, normalize_phone

from ..models import Category, RequestType
from .mapping import DESCRIPTION_MAX_CHARS, STATUS_GROUPS, TITLE_FROM_DESCRIPTION_CHARS, TITLE_MAX_CHARS

MAX_RESULTS = 1000  # the spec's default limit of a listing; the most numbers one service_request_id may list
# The deepest page of a listing asked for (the window is at most DEFAULT_WINDOW_DAYS, so far beyond any real list).
MAX_PAGE = 10000
DEFAULT_WINDOW_DAYS = 90  # the spec's default span of a listing, and the longest span asked for
SUBMISSION_KEY_MAX_CHARS = 200
MEDIA_URL_MAX_CHARS = 500
# Dates a listing filter may name: far enough from datetime's limits that windows of days around them fit.
EARLIEST_YEAR, LATEST_YEAR = 1900, 9000

ATTRIBUTE_KEY = re.compile(r"^attribute\[([A-Za-z0-9_]+)\]$")
HAN = re.compile(r"[\u3400-\u9fff]")
COORDINATE = Decimal("0.000001")

ATTRIBUTE_FIELDS = ("request_type", "title", "is_public", "submission_key")
# The API parameter behind each form field, as error messages name it.
PARAMETERS = {name: f"attribute[{name}]" for name in ATTRIBUTE_FIELDS}

_TYPE_BY_LABEL = {label: value for value, label in RequestType.choices}
TYPE_CHOICES_TEXT = "、".join(f"{value}（{label}）" for value, label in RequestType.choices)


def _required(message):
    return {"required": message}


def _too_long(limit):
    return f"不能超过{limit}个字（现有%(show_value)d个字）。"


class ServiceRequestForm(forms.Form):
    service_code = forms.CharField(max_length=40, error_messages=_required("请填写服务类型编码。"))
    lat = forms.FloatField(
        required=False, min_value=-90, max_value=90, error_messages={"invalid": "纬度要是-90到90之间的数字。"}
    )
    long = forms.FloatField(
        required=False, min_value=-180, max_value=180, error_messages={"invalid": "经度要是-180到180之间的数字。"}
    )
    address_string = forms.CharField(required=False, max_length=200, error_messages={"max_length": _too_long(200)})
    address_id = forms.CharField(required=False, max_length=100, error_messages={"max_length": _too_long(100)})
    email = forms.EmailField(required=False, max_length=254, error_messages={"invalid": "电子邮箱格式不对。"})
    first_name = forms.CharField(required=False, max_length=40, error_messages={"max_length": _too_long(40)})
    last_name = forms.CharField(required=False, max_length=40, error_messages={"max_length": _too_long(40)})
    phone = forms.CharField(required=False, max_length=20, error_messages={"max_length": "电话号码格式不对。"})
    description = forms.CharField(
        max_length=DESCRIPTION_MAX_CHARS,
        error_messages={"required": "请填写留言内容。", "max_length": _too_long(DESCRIPTION_MAX_CHARS)},
    )
    media_url = forms.URLField(
        required=False,
        max_length=MEDIA_URL_MAX_CHARS,
        assume_scheme="https",
        error_messages={"invalid": "要是 http 或 https 开头的网址。", "max_length": _too_long(MEDIA_URL_MAX_CHARS)},
    )
    request_type = forms.ChoiceField(
        choices=RequestType.choices,
        error_messages={
            "required": f"请选择留言类型：{TYPE_CHOICES_TEXT}。",
            "invalid_choice": f"没有这种留言类型，可选：{TYPE_CHOICES_TEXT}。",
        },
    )
    title = forms.CharField(
        required=False, max_length=TITLE_MAX_CHARS, error_messages={"max_length": _too_long(TITLE_MAX_CHARS)}
    )
    is_public = forms.ChoiceField(
        required=False,
        choices=[("true", "公开"), ("false", "不公开")],
        error_messages={"invalid_choice": "只能是 true 或 false。"},
    )
    submission_key = forms.CharField(
        required=False, max_length=SUBMISSION_KEY_MAX_CHARS, error_messages={"max_length": _too_long(200)}
    )

    def __init__(self, data):
        """``data``: one value per parameter, attributes under their code (``request_type``, not ``attribute[…]``)."""
        data = dict(data)
        # Be generous in what we accept: 咨询 for consult, True/TRUE/1 for true.
        kind = str(data.get("request_type") or "").strip()
        data["request_type"] = _TYPE_BY_LABEL.get(kind, kind)
        public = str(data.get("is_public") or "").strip().lower()
        data["is_public"] = {"1": "true", "0": "false"}.get(public, public)
        super().__init__(data)

    def clean_service_code(self):
        code = self.cleaned_data["service_code"].strip()
        category = Category.objects.filter(code=code, active=True).select_related("unit").first()
        if category is None:
            raise forms.ValidationError("没有这个服务类型，请先查询 services.json。")
        return category

    def clean_phone(self):
        try:
            return normalize_phone(self.cleaned_data["phone"])
        except ValueError:
            raise forms.ValidationError("电话号码格式不对。") from None

    def clean_email(self):
        return normalize_email(self.cleaned_data["email"])

    def clean(self):
        data = super().clean()
        lat, long = data.get("lat"), data.get("long")
        if (lat is None) != (long is None) and "lat" not in self.errors and "long" not in self.errors:
            self.add_error(None, "经纬度要同时提供 lat 和 long。")
        has_point = lat is not None and long is not None
        if not (has_point or data.get("address_string") or data.get("address_id")) and not self._location_errors():
            self.add_error(
                None, "请提供地点：经纬度（lat 和 long）、地址（address_string）或地址编号（address_id）至少一项。"
            )
        if not (data.get("first_name") or data.get("last_name")) and not self._errors_in("first_name", "last_name"):
            self.add_error(None, "请填写留言人姓名（first_name、last_name）。")
        if not (data.get("phone") or data.get("email")) and not self._errors_in("phone", "email"):
            self.add_error(None, "请留下电话（phone）或电子邮箱（email），方便承办单位联系您。")
        return data

    def _errors_in(self, *names):
        return any(name in self.errors for name in names)

    def _location_errors(self):
        return self._errors_in("lat", "long", "address_string", "address_id")

    def error_descriptions(self):
        """Every problem as one Chinese sentence that names the parameter."""
        descriptions = []
        for field, messages in self.errors.items():
            for message in messages:
                if field == NON_FIELD_ERRORS:
                    descriptions.append(message)
                else:
                    descriptions.append(f"{PARAMETERS.get(field, field)}：{message}")
        return descriptions

    def contact_name(self):
        first, last = self.cleaned_data["first_name"].strip(), self.cleaned_data["last_name"].strip()
        if HAN.search(first + last):
            return f"{last}{first}"
        return " ".join(part for part in (first, last) if part)

    def title_text(self):
        title = " ".join(self.cleaned_data["title"].split())
        if title:
            return title
        return " ".join(self.cleaned_data["description"].split())[:TITLE_FROM_DESCRIPTION_CHARS]

    def request_fields(self):
        """The fields of the new ResidentRequest, for handling.submit."""
        data = self.cleaned_data
        address = data["address_string"].strip() or (data["address_id"] and f"地址编号：{data['address_id'].strip()}")
        has_point = data["lat"] is not None and data["long"] is not None
        return {
            "request_type": data["request_type"],
            "category": data["service_code"],
            "title": self.title_text(),
            "details": data["description"],
            "address": address or "",
            "lat": Decimal(repr(data["lat"])).quantize(COORDINATE) if has_point else None,
            "long": Decimal(repr(data["long"])).quantize(COORDINATE) if has_point else None,
            "contact_name": self.contact_name(),
            "contact_phone": data["phone"],
            "contact_email": data["email"],
            "is_public": data["is_public"] != "false",
        }


def _moment(text, end_of_day=False):
    """A w3c/ISO 8601 date-time (or a bare date); local time when it names no offset.

    None when unreadable or outside EARLIEST_YEAR..LATEST_YEAR (where date arithmetic would overflow).
    """
    text = text.strip()
    try:
        moment = parse_datetime(text)
        if moment is None:
            day = parse_date(text)
            if day is None or not EARLIEST_YEAR <= day.year <= LATEST_YEAR:
                return None
            moment = datetime.combine(day + timedelta(days=1) if end_of_day else day, time.min)
    except ValueError:
        return None
    if not EARLIEST_YEAR <= moment.year <= LATEST_YEAR:
        return None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


class ListingFilterForm(forms.Form):
    """The filters of GET requests.json; all optional."""

    service_request_id = forms.CharField(required=False)
    service_code = forms.CharField(required=False)
    start_date = forms.CharField(required=False)
    end_date = forms.CharField(required=False)
    status = forms.CharField(required=False)
    # Ours, not the spec's (which lets implementations limit results): pages of OPEN311_PAGE_SIZE, newest first.
    page = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_PAGE,
        error_messages={
            "invalid": "页码要是从1开始的整数。",
            "min_value": "页码要是从1开始的整数。",
            "max_value": f"页码不能超过{MAX_PAGE}。",
        },
    )

    def clean_page(self):
        return self.cleaned_data["page"] or 1

    def clean_service_request_id(self):
        ids = [part.strip() for part in self.cleaned_data["service_request_id"].split(",") if part.strip()]
        if len(ids) > MAX_RESULTS:
            raise forms.ValidationError(f"一次最多查询{MAX_RESULTS}个编号。")
        return ids

    def clean_service_code(self):
        return [part.strip() for part in self.cleaned_data["service_code"].split(",") if part.strip()]

    def _clean_moment(self, name, end_of_day=False):
        text = self.cleaned_data[name]
        if not text:
            return None
        moment = _moment(text, end_of_day)
        if moment is None:
            raise forms.ValidationError(
                f"日期时间格式不对或超出范围（{EARLIEST_YEAR}年至{LATEST_YEAR}年），"
                "请用 ISO 8601 格式，如 2026-11-30T09:00:00+08:00。"
            )
        return moment

    def clean_start_date(self):
        return self._clean_moment("start_date")

    def clean_end_date(self):
        return self._clean_moment("end_date", end_of_day=True)

    def clean_status(self):
        wanted = [part.strip().lower() for part in self.cleaned_data["status"].split(",") if part.strip()]
        unknown = [part for part in wanted if part not in STATUS_GROUPS]
        if unknown:
            raise forms.ValidationError("只能是 open 或 closed（可用逗号分隔）。")
        return [status for part in dict.fromkeys(wanted) for status in STATUS_GROUPS[part]]

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end:
            if start > end:
                self.add_error(None, "start_date 不能晚于 end_date。")
            elif end - start > timedelta(days=DEFAULT_WINDOW_DAYS):
                self.add_error(None, f"查询的时间跨度不能超过{DEFAULT_WINDOW_DAYS}天。")
        return data

    def error_descriptions(self):
        return [
            message if field == NON_FIELD_ERRORS else f"{field}：{message}"
            for field, messages in self.errors.items()
            for message in messages
        ]


def parameters_of(request):
    """The POSTed parameters as one value each, form-encoded (the spec) or a JSON object.

    Attributes come as ``attribute[code]`` keys, or in JSON also as ``{"attribute": {"code": …}}``;
    they are returned under their code. Raises ValueError with a Chinese message for a body we cannot read.
    """
    if request.content_type == "application/json":
        try:
            body = json.loads(request.body or b"{}")
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise ValueError("请求内容不是有效的 JSON。") from error
        except RecursionError as error:  # nested deeper than the parser's stack
            raise ValueError("JSON 请求内容嵌套太深。") from error
        if not isinstance(body, dict):
            raise ValueError("JSON 请求内容要是一个对象。")
        raw = {key: value for key, value in body.items() if key != "attribute"}
        nested = body.get("attribute")
        if isinstance(nested, dict):
            raw.update({f"attribute[{code}]": value for code, value in nested.items()})
    else:
        raw = {key: request.POST.get(key) for key in request.POST}
    data = {}
    for key, value in raw.items():
        if isinstance(value, dict | list):
            continue  # only scalar values mean anything here
        match = ATTRIBUTE_KEY.match(key)
        name = match.group(1) if match else key
        if name in ATTRIBUTE_FIELDS or not match:
            data[name] = "" if value is None else str(value)
    return data
