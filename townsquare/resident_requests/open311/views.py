"""Open311 GeoReport v2 endpoints (/open311/v2/…). Reading is open; submitting needs an API key.

Views stay thin: checking input lives in ``forms.py``, the mapping of our models in
``mapping.py``, JSON/XML writing and errors in ``render.py``; requests are created only
through ``handling.submit``.
"""

import functools
import hashlib
import logging

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, SuspiciousOperation
from django.db import DatabaseError
from django.http.request import RawPostDataException
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt

from townsquare.units.models import Unit

from .. import handling
from ..models import ApiKey, ResidentRequest
from . import limits, mapping
from .forms import DEFAULT_WINDOW_DAYS, ListingFilterForm, ServiceRequestForm, parameters_of
from .render import Open311Error, error_response, format_of_path, respond

logger = logging.getLogger(__name__)
API_KEY_MAX_CHARS = ApiKey._meta.get_field("key").max_length


def api(*methods):
    """Allow ``methods`` (GET brings HEAD), answer errors in the spec's format, let any origin read."""
    allowed = set(methods) | ({"HEAD"} if "GET" in methods else set())

    def decorate(view):
        @csrf_exempt
        @functools.wraps(view)
        def wrapper(request, fmt, *args, **kwargs):
            if request.method not in allowed:
                allow = ", ".join(sorted(allowed))
                return error_response(fmt, 405, [f"不支持 {request.method} 方法，请用 {allow}。"], {"Allow": allow})
            try:
                response = view(request, fmt, *args, **kwargs)
            except Open311Error as error:
                response = error_response(fmt, error.status, error.descriptions, error.headers)
            except DatabaseError:
                logger.exception("Open311 %s %s: database unavailable", request.method, request.path)
                response = error_response(fmt, 503, ["系统繁忙，请稍后再试。"], {"Retry-After": "30"})
            except SuspiciousOperation:  # e.g. too many query parameters: still the spec's error format
                response = error_response(fmt, 400, ["请求参数过多或格式不对。"])
            except Exception:  # a client never gets an HTML error page from the API
                logger.exception("Open311 %s %s failed", request.method, request.path)
                response = error_response(fmt, 500, ["系统出错，请稍后再试。"])
            if request.method in ("GET", "HEAD"):
                response["Access-Control-Allow-Origin"] = "*"
            return response

        return wrapper

    return decorate


@api("GET")
def discovery(request, fmt):
    county = Unit.objects.filter(kind=Unit.Kind.COUNTY).order_by("sort_order", "id").first()
    services_path = reverse("open311:services", kwargs={"fmt": "xml"})
    base_url = request.build_absolute_uri(services_path.removesuffix("services.xml"))
    return respond(mapping.discovery(base_url, county), fmt, "discovery")


@api("GET")
def services(request, fmt):
    return respond([mapping.service(category) for category in mapping.active_categories()], fmt, "services")


@api("GET")
def service_definition(request, fmt, service_code):
    category = mapping.active_categories().filter(code=service_code).first()
    if category is None:
        raise Open311Error(404, f"没有服务类型“{service_code[:40]}”，请先查询 services.{fmt}。")
    return respond(mapping.service_definition(category), fmt, "service_definition")


@api("GET", "POST")
def requests(request, fmt):
    if request.method == "POST":
        return _submit(request, fmt)
    form = ListingFilterForm(request.GET)
    if not form.is_valid():
        raise Open311Error(400, *form.error_descriptions())
    found = mapping.public_requests()
    wanted = form.cleaned_data
    if wanted["service_request_id"]:
        # The spec: a list of numbers overrides every other filter.
        found = found.filter(tracking_number__in=wanted["service_request_id"])
    else:
        start, end = mapping.window(wanted["start_date"], wanted["end_date"], timezone.now(), DEFAULT_WINDOW_DAYS)
        found = found.filter(received_at__gte=start, received_at__lte=end)
        if wanted["service_code"]:
            found = found.filter(category__code__in=wanted["service_code"])
        if wanted["status"]:
            found = found.filter(status__in=wanted["status"])
    page, size = wanted["page"], settings.OPEN311_PAGE_SIZE
    # One row more than a page tells whether a next page exists, without counting.
    rows = list(found[(page - 1) * size : page * size + 1])
    items = [mapping.service_request(item) for item in rows[:size]]
    links = _page_links(request, page, has_next=len(rows) > size)
    return respond(items, fmt, "service_requests", headers={"Link": links} if links else None)


def _page_links(request, page, has_next):
    """The ``Link`` header of a listing page (RFC 8288): its next and previous pages, same filters."""
    pages = ([(page + 1, "next")] if has_next else []) + ([(page - 1, "prev")] if page > 1 else [])
    links = []
    for number, rel in pages:
        query = request.GET.copy()
        query["page"] = str(number)
        links.append(f'<{request.build_absolute_uri(request.path)}?{query.urlencode()}>; rel="{rel}"')
    return ", ".join(links)


def _given_key(request, data):
    key = (data.get("api_key") or request.GET.get("api_key") or "").strip()
    return key if len(key) <= API_KEY_MAX_CHARS else None


def _api_key(request, data):
    """Check the key and note its use, in one query. Raises a 403 in the spec's format."""
    key = _given_key(request, data)
    if key == "":
        raise Open311Error(403, "提交留言需要接口密钥（api_key），请向县人民政府申请。")
    if not key or not ApiKey.usable().filter(key=key).update(last_used_at=timezone.now()):
        raise Open311Error(403, "接口密钥（api_key）无效或已停用。")
    return key


def _submission_key(request, data, api_key):
    """The client's idempotency key, scoped to its API key and hashed to fit the column."""
    given = (request.headers.get("Idempotency-Key") or data.get("submission_key") or "").strip()
    if not given:
        return None
    digest = hashlib.sha256(f"{api_key}\n{given}".encode()).hexdigest()
    return f"open311-{digest[:56]}"


def _submit(request, fmt):
    try:
        data = parameters_of(request)
    except (ValueError, RawPostDataException) as error:
        raise Open311Error(400, str(error)) from error
    except RequestDataTooBig as error:
        raise Open311Error(413, "提交的内容太大。") from error
    api_key = _api_key(request, data)
    form = ServiceRequestForm(data)
    if not form.is_valid():
        raise Open311Error(400, *form.error_descriptions())
    fields, submission_key = form.request_fields(), _submission_key(request, data, api_key)
    limits.check(
        request,
        api_key,
        fields,
        lambda: bool(submission_key) and ResidentRequest.objects.filter(submission_key=submission_key).exists(),
    )
    fields["api_key"] = ApiKey.objects.get(key=api_key)
    created, password = handling.submit(fields, submission_key=submission_key, channel="open311")
    if password is not None:
        limits.count(request, api_key, fields)
    media_url = form.cleaned_data["media_url"]
    if password is not None and media_url:
        handling.add_note(created, f"客户端附带的图片链接（系统未下载，打开前请确认来源可靠）：{media_url}", actor=None)
    return respond([mapping.submitted(created)], fmt, "service_requests")


@api("GET")
def request_detail(request, fmt, service_request_id):
    found = mapping.public_requests().filter(tracking_number=service_request_id).first()
    key = _given_key(request, request.GET)
    if found is None and key:
        # The client that filed it reads it back (masked as everywhere), also before a unit accepts it.
        found = mapping.requests_filed_with(key).filter(tracking_number=service_request_id).first()
    if found is None:
        raise Open311Error(404, f"没有编号为{service_request_id[:40]}的公开留言。")
    return respond([mapping.service_request(found)], fmt, "service_requests")


@api("GET")
def token(request, fmt, token):
    """Requests get their number at once, so a token is the number itself.

    It resolves only for a public request: a private or unknown number gets the same 404,
    so the answer never tells whether a private request exists.
    """
    if not mapping.public_requests().filter(tracking_number=token).exists():
        raise Open311Error(404, f"没有编号为{token[:40]}的公开留言。")
    return respond([mapping.token(token)], fmt, "service_requests")


@csrf_exempt
def not_found(request, rest):
    return error_response(format_of_path(rest), 404, ["没有这个接口。可用的接口见 discovery.xml。"])
