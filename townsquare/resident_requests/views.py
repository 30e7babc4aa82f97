"""我要留言 for residents: the form, the success page, looking a request up, rating it, the public list.

Views stay thin: state changes go through ``handling``, public presentation through
``public``, photo checks through ``photos``. What lives here is the web's side of it:
Post/Redirect/Get, the session that remembers which requests this browser may see
(and, for a while, the query password it was just given), and rate limits.

Rate limits count in Django's cache (fixed windows; a cache that fails lets requests
through rather than turning residents away). Settings, with their defaults:
  REQUEST_RATE_LIMIT_PER_IP_HOUR (10)        new requests from one address per hour
  REQUEST_RATE_LIMIT_PER_CONTACT_DAY (5)     new requests with one phone number or e-mail per day
  REQUEST_QUERY_FAILURES_PER_IP_HOUR (20)    wrong tracking number/password pairs from one address per hour
  REQUEST_QUERY_FAILURES_PER_NUMBER_HOUR (5) wrong passwords for one tracking number per hour; then the
                                             phone's last four digits are asked as well
  REQUEST_PASSWORD_SHOW_MINUTES (30)         how long the success page keeps showing the query password
(Hand-written rather than django-ratelimit: a few lines on the cache we already have,
and the limits count only what matters, e.g. only new requests, not resent ones.)
"""

import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.db import DatabaseError
from django.forms.utils import ErrorDict
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import Resolver404, resolve, reverse
from django.utils.crypto import constant_time_compare
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods, require_POST
from wagtail import hooks

from townsquare.core import fragments, grants, pagecache, ratelimit, sessions
from townsquare.core.forms import new_submission_key, submission_key
from townsquare.core.ratelimit import DAY, HOUR
from townsquare.units.access import may_act_on

from . import handling, personal_data, progress, public
from . import photos as photo_rules
from .forms import AddInformationForm, PublicFilterForm, QueryForm, RatingForm, RequestForm, carried_over
from .handling import HandlingError
from .models import Category, RequestPhoto, RequestType, ResidentRequest, Status

logger = logging.getLogger(__name__)

ACCESS = "resident_requests:access"  # the tracking numbers this browser may see (core.grants)
PUBLIC_FILTERS_TEMPLATE = "resident_requests/parts/public_filters.html"


def _contacts(form):
    data = form.cleaned_data
    return [value for value in (data.get("contact_phone"), data.get("contact_email")) if value]


def _submission_limit_reached(request, form):
    per_ip = settings.REQUEST_RATE_LIMIT_PER_IP_HOUR
    if ratelimit.count("requests-submit-ip", ratelimit.client_ip(request), HOUR) >= per_ip:
        return f"这个网络一小时内已经提交了{per_ip}条留言，请过一小时再提交。"
    per_contact = settings.REQUEST_RATE_LIMIT_PER_CONTACT_DAY
    if any(ratelimit.count("requests-submit-contact", contact, DAY) >= per_contact for contact in _contacts(form)):
        return f"同一个电话或邮箱一天最多提交{per_contact}条留言，请明天再提交，或在已提交的留言里补充。"
    return ""


def _count_submission(request, form):
    ratelimit.hit("requests-submit-ip", ratelimit.client_ip(request), HOUR)
    for contact in _contacts(form):
        ratelimit.hit("requests-submit-contact", contact, DAY)


def _query_ip_limit_reached(request):
    per_ip = settings.REQUEST_QUERY_FAILURES_PER_IP_HOUR
    return ratelimit.reached("requests-query-ip", ratelimit.client_ip(request), per_ip)


def _query_number_locked(number):
    """Too many wrong passwords for this number: from now on the phone's last four digits are asked too."""
    return ratelimit.reached("requests-query-number", number, settings.REQUEST_QUERY_FAILURES_PER_NUMBER_HOUR)


def _phone_ends_with(resident_request, digits):
    phone_digits = "".join(ch for ch in resident_request.contact_phone or "" if ch.isdigit())
    return len(phone_digits) >= 4 and constant_time_compare(phone_digits[-4:], digits)


QUERY_LOCKED = (
    "查询输错的次数太多了。为保护留言人的信息，请同时填写留言时所留手机号码的后四位再查询；"
    "也可以一小时后再试，或拨打12345查询。"
)


def _refuse_query(request, form, message=QUERY_LOCKED):
    """429 with the digits field shown: the rightful resident can still get in."""
    form.add_error(None, message)
    response = render(request, "resident_requests/query.html", {"form": form, "ask_digits": True}, status=429)
    response["Retry-After"] = str(HOUR)
    return response


def _count_query_failure(request, number):
    ratelimit.hit("requests-query-ip", ratelimit.client_ip(request), HOUR)
    ratelimit.hit("requests-query-number", number, HOUR)


# --- which requests this browser may see ---------------------------------------------------------


def _has_access(request, resident_request):
    if grants.is_granted(request, ACCESS, resident_request.tracking_number):
        return True
    user = request.user
    return user.is_authenticated and resident_request.submitted_by_id == user.pk


PASSWORD_SESSION_KEY = "resident_requests:passwords"


def _keep_password(request, tracking_number, password):
    """Remember a just-issued query password in this browser's session for REQUEST_PASSWORD_SHOW_MINUTES."""
    grants.keep_secret(
        request, PASSWORD_SESSION_KEY, tracking_number, password, minutes=settings.REQUEST_PASSWORD_SHOW_MINUTES
    )


def _kept_password(request, tracking_number):
    """The password kept for this request's success page, or None once its minutes are over (shown once)."""
    return grants.kept_secret(request, PASSWORD_SESSION_KEY, tracking_number)


def _to_query(tracking_number=""):
    url = reverse("resident_requests:query")
    return redirect(f"{url}?{urlencode({'number': tracking_number})}" if tracking_number else url)


# --- the form --------------------------------------------------------------------------------------

NOTICES = {
    "robot": "没有提交成功，请再点一次“提交留言”。",
    "csrf": "页面停留时间过长，请再点一次提交。您填的文字都还在。",
    "unavailable": (
        "系统暂时出了故障，留言没有保存。您填的内容都还在，请过几分钟再点一次“提交留言”。"
        "事情急的话，请拨打12345政务服务便民热线。"
    ),
}


def _safe_chrome():
    """The header and footer data, or nothing when the database is down (the 503 page must still render)."""
    from townsquare.publishing.chrome import county_home, town_homes_for_switcher

    try:
        return {"county_home": county_home(), "town_switcher": town_homes_for_switcher()}
    except DatabaseError:
        return {"county_home": None, "town_switcher": []}


def _current_user(request):
    try:
        return request.user if request.user.is_authenticated else None
    except DatabaseError:
        return None


def _render_form(request, form, key, status=200, notice="", notice_text="", extra=None):
    try:
        form.errors  # noqa: B018 - validates now if not yet done, so that rendering needs no database
    except DatabaseError:
        form._errors, form.cleaned_data = ErrorDict(), {}
        status, notice, notice_text = 503, "unavailable", ""
    failed = status != 200 or bool(form.errors)
    chosen_photos = form.chosen_photos or bool(form.upload_problems.extra or form.upload_problems.too_big)
    context = {
        "form": form,
        "submission_key": key,
        "notice": notice,
        "notice_text": notice_text or NOTICES.get(notice, ""),
        "photos_lost": failed and chosen_photos,
        "user_account": _current_user(request),
        "categories_missing": not form.fields["category"].choices[1:],
        **_safe_chrome(),
        **(extra or {}),
    }
    response = render(request, "resident_requests/submit.html", context, status=status)
    if status in (429, 503):
        response["Retry-After"] = "600" if status == 429 else "120"
    return response


@csrf_exempt  # checked by _submit, after the photo limits are in place (they must come before the body is read)
@require_http_methods(["GET", "HEAD", "POST"])
def submit(request):
    limits = None
    if request.method == "POST":
        limits = photo_rules.PhotoLimitsUploadHandler(request)
        request.upload_handlers.insert(0, limits)
    return _submit(request, limits)


@csrf_protect
def _submit(request, limits):
    if request.method != "POST":
        form = RequestForm(initial=carried_over(request.GET))
        if not form.categories_fresh:
            return _render_form(request, form, new_submission_key(), status=503, notice="unavailable")
        response = _render_form(request, form, new_submission_key())
        sessions.promise(request, response)  # no session row for a look at the form (see core.sessions)
        return response

    sessions.adopt(request)
    form = RequestForm(request.POST, request.FILES, upload_problems=limits.problems if limits else None)
    key = submission_key(form.data)
    if form.is_robot:
        form.clear_honeypot()
        return _render_form(request, form, key, status=400, notice="robot")
    try:
        existing = ResidentRequest.objects.filter(submission_key=key).first()
        if existing is not None:
            return _after_submit(request, existing, None)
        if not form.is_valid():
            return _render_form(request, form, key, status=400)
        limit_reached = _submission_limit_reached(request, form)
        if limit_reached:
            return _render_form(request, form, key, status=429, notice="limited", notice_text=limit_reached)
        resident_request, password = handling.submit(
            form.request_fields(),
            submission_key=key,
            photos=form.photo_models(),
            actor=_current_user(request),
            channel="web",
        )
    except DatabaseError:
        logger.exception("a resident's request could not be stored")
        return _render_form(request, form, key, status=503, notice="unavailable")
    except HandlingError as error:
        return _render_form(request, form, key, status=400, notice="handling", notice_text=str(error))
    if password is not None:
        _count_submission(request, form)
        for sent in hooks.get_hooks("townsquare_request_sent"):
            sent(request, resident_request)
        if form.cleaned_data.get("no_messages"):
            progress.opt_out(resident_request)
    return _after_submit(request, resident_request, password)


@require_http_methods(["GET", "HEAD"])
def correction(request):
    """我为政府网站找错: the 留言 form with the 纠错 category chosen and the page the resident came from."""
    came_from = request.GET.get("from", "")
    if not url_has_allowed_host_and_scheme(came_from, allowed_hosts={request.get_host()}):
        came_from = ""
    category = Category.objects.filter(code=settings.REQUEST_CORRECTION_CATEGORY, active=True).first()
    form = RequestForm(
        initial={
            "request_type": RequestType.SUGGEST,
            "category": category.pk if category else None,
            "title": "网站内容有错",
            "details": f"出错的页面：{request.build_absolute_uri(came_from) if came_from else ''}\n错在哪里：",
        }
    )
    response = _render_form(request, form, new_submission_key(), extra={"correction": True})
    sessions.promise(request, response)
    return response


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: a form sent from a page left open too long (or after the cookies were cleared).

    For 我要留言 the form comes back with everything typed (chosen photos excepted: browsers never keep
    them, the page says so), a fresh token and the request to press 提交 once more; nothing is stored.
    Anywhere else, a plain Chinese page in the site's style (403) that says what to do.
    """
    try:
        match = resolve(request.path_info)
    except Resolver404:
        match = None
    if match is not None and match.view_name == "resident_requests:submit" and request.method == "POST":
        try:
            form = RequestForm(request.POST, request.FILES)
            if form.is_robot:
                form.clear_honeypot()
            return _render_form(request, form, submission_key(form.data), status=403, notice="csrf")
        except Exception:  # the friendly page below is still better than Django's
            logger.exception("the form could not be shown again after a CSRF failure")
    return render(request, "403_csrf.html", {"reason": reason}, status=403)


def _after_submit(request, resident_request, password):
    """Post/Redirect/Get to the success page. A resent form shows the same request and says so; its password
    shows again only in the browser session that sent it first (see ``_keep_password``)."""
    number = resident_request.tracking_number
    if password is not None:
        _keep_password(request, number, password)
    grants.grant(request, ACCESS, number)
    url = reverse("resident_requests:done", args=[number])
    return redirect(url if password is not None else url + "?again=1")


@never_cache
def done(request, tracking_number):
    resident_request = (
        ResidentRequest.objects.select_related("unit", "category").filter(tracking_number=tracking_number).first()
    )
    if resident_request is None or not _has_access(request, resident_request):
        return _to_query(tracking_number)
    context = {
        "item": resident_request,
        "password": _kept_password(request, tracking_number),
        "again": request.GET.get("again") == "1",
        "user_account": _current_user(request),
    }
    return render(request, "resident_requests/done.html", context)


# --- looking a request up ----------------------------------------------------------------------------


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def query(request):
    if request.method != "POST":
        number = request.GET.get("number", "")
        form = QueryForm(initial={"tracking_number": number if number.isdigit() else ""})
        return render(request, "resident_requests/query.html", {"form": form})
    form = QueryForm(request.POST)
    if not form.is_valid():
        return render(request, "resident_requests/query.html", {"form": form}, status=400)
    number, password = form.cleaned_data["tracking_number"], form.cleaned_data["password"]
    digits = form.cleaned_data["phone_last4"]
    if _query_ip_limit_reached(request):
        message = "查询输错的次数太多了。为保护留言人的信息，请一小时后再试；也可以拨打12345查询。"
        return ratelimit.refuse(request, "resident_requests/query.html", form, message)
    locked = _query_number_locked(number)
    if locked and not digits:
        return _refuse_query(request, form)
    resident_request = (
        ResidentRequest.objects.filter(tracking_number=number)
        .only("pk", "tracking_number", "query_password_hash", "contact_phone")
        .first()
    )
    if (
        resident_request is None
        or not resident_request.check_query_password(password)
        or (locked and not _phone_ends_with(resident_request, digits))
    ):
        _count_query_failure(request, number)
        if locked:
            return _refuse_query(request, form, "受理编号、查询密码或手机号码后四位不对，请核对后再试。")
        form.add_error(None, "受理编号或查询密码不对，请核对后再试。")
        return render(request, "resident_requests/query.html", {"form": form}, status=400)
    grants.grant(request, ACCESS, number)
    return redirect("resident_requests:detail", tracking_number=number)


def _own(request, tracking_number):
    resident_request = public.own_request(ResidentRequest.objects.all(), tracking_number)
    if resident_request is None or not _has_access(request, resident_request):
        return None
    return resident_request


def _can_rate(resident_request):
    if resident_request.status != Status.ANSWERED:
        return False
    rated, answered = resident_request.rated_at, resident_request.answered_at
    return not (rated and answered and rated >= answered)


def _latest_question(resident_request):
    for event in reversed(getattr(resident_request, "public_events", [])):
        if event.action == event.Action.ASKED_INFO:
            return event.note
    return ""


def _render_detail(request, resident_request, add_form=None, rating_form=None, status=200):
    context = {
        "item": resident_request,
        "shown": public.Shown(resident_request, masked=False),
        "question": _latest_question(resident_request) if resident_request.status == Status.WAITING else "",
        "add_form": add_form or AddInformationForm(),
        "can_rate": _can_rate(resident_request),
        "rating_form": rating_form or RatingForm(),
        "can_reopen": resident_request.reopened_count == 0,
        "public_visible": public.is_public(resident_request),
        "contacts_erased": personal_data.is_anonymised(resident_request),
    }
    return render(request, "resident_requests/detail.html", context, status=status)


@never_cache
def detail(request, tracking_number):
    resident_request = _own(request, tracking_number)
    if resident_request is None:
        return _to_query(tracking_number)
    return _render_detail(request, resident_request)


def _act_on_own(request, tracking_number, form_class, form_name, act):
    """A resident's form on their own request: ``act(resident_request, cleaned_data)`` does the step and says thanks."""
    resident_request = _own(request, tracking_number)
    if resident_request is None:
        return _to_query(tracking_number)
    form = form_class(request.POST)
    if not form.is_valid():
        return _render_detail(request, resident_request, status=400, **{form_name: form})
    try:
        thanks = act(resident_request, form.cleaned_data)
    except HandlingError as error:  # the state changed meanwhile (e.g. staff answered, or rated already)
        messages.error(request, str(error))
    else:
        messages.success(request, thanks)
    return redirect(reverse("resident_requests:detail", args=[tracking_number]) + "#progress")


@require_POST
def add_information(request, tracking_number):
    def act(resident_request, data):
        handling.add_information(resident_request, data["text"])
        return "补充的内容已经收到，答复期限从今天起接着计算。"

    return _act_on_own(request, tracking_number, AddInformationForm, "add_form", act)


@require_POST
def rate(request, tracking_number):
    def act(resident_request, data):
        reopened_before = resident_request.reopened_count
        handling.rate(resident_request, data["rating"], data["comment"])
        if resident_request.reopened_count > reopened_before:
            return "收到您的评价。这条留言已退回原单位重新办理，新的答复期限见下方。"
        return "谢谢您的评价！"

    return _act_on_own(request, tracking_number, RatingForm, "rating_form", act)


@require_POST
def erase_contacts(request, tracking_number):
    """The resident asks for their name and contacts to be deleted: at once once the case is closed."""
    resident_request = _own(request, tracking_number)
    if resident_request is None:
        return _to_query(tracking_number)
    if resident_request.is_open:
        messages.error(request, "这条留言还在办理中，承办单位可能还要联系您。办结后您就可以删除联系方式。")
    else:
        personal_data.anonymise(resident_request)
        messages.success(request, "您的姓名和联系方式已经删除。留言内容和答复还在，别人看不出是谁写的。")
    return redirect(reverse("resident_requests:detail", args=[tracking_number]) + "#erase")


@never_cache
def mine(request):
    """The requests of a signed-in resident or staff member (those they sent while signed in)."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    requests = (
        ResidentRequest.objects.filter(submitted_by=request.user)
        .select_related("category", "unit")
        .order_by("-received_at", "-pk")
    )
    page_obj = Paginator(requests, settings.REQUEST_PUBLIC_PAGE_SIZE).get_page(request.GET.get("page"))
    items = [public.Shown(item, masked=False) for item in page_obj]
    return render(request, "resident_requests/mine.html", {"page_obj": page_obj, "items": items})


# --- the public list ------------------------------------------------------------------------------------


def _filter_choices():
    """Categories and the units that own them, from one query."""
    categories = list(Category.objects.select_related("unit").order_by("sort_order", "id"))
    units = {}
    for category in categories:
        units.setdefault(category.unit_id, category.unit)
    return sorted(units.values(), key=lambda unit: (unit.sort_order, unit.pk)), categories


def public_list(request):
    """大家的留言: the search form with its filters and the results are the same for every visitor, so both
    are kept together as a fragment per query string (the results, also on their own, by ``public.results``)."""

    def compute():
        units, categories = _filter_choices()
        form = PublicFilterForm(request.GET, units=units, categories=categories, statuses=public.STATUS_FILTERS)
        keyword = form.value("q").strip()
        keyword_refused = bool(keyword) and public.looks_personal(keyword)
        filtered = any(form.value(name) for name in ("q", "unit", "category", "status"))
        results, page_number = public.results(request, form, keyword, keyword_refused, filtered)
        context = {"form": form, "keyword": keyword, "keyword_refused": keyword_refused, "filtered": filtered}
        return fragments.render(PUBLIC_FILTERS_TEMPLATE, context, request), results, page_number

    key = f"resident_requests:public-list:v1:{fragments.query_key(request)}"
    filters, results, page_number = pagecache.remember(key, compute, settings.PAGE_FRAGMENT_SECONDS)
    context = {"filters": mark_safe(filters), "results": mark_safe(results), "page_number": page_number}
    return render(request, "resident_requests/public_list.html", context)


def photo(request, tracking_number, photo_id):
    """A resident's photo, for the resident who proved the query password here and for staff in charge.

    Never for the public: photos show faces, licence plates, homes. Stored outside MEDIA_ROOT
    (see storage.py), so this check cannot be bypassed through /media/. Anyone else gets 404,
    which does not tell whether the photo exists.
    """
    item = (
        RequestPhoto.objects.select_related("request")
        .filter(pk=photo_id, request__tracking_number=tracking_number)
        .first()
    )
    if item is None:
        raise Http404("没有这张照片")
    resident_request = item.request
    user = _current_user(request)
    allowed = _has_access(request, resident_request) or (
        user is not None and may_act_on(user, resident_request.unit_id, media_center=True)
    )
    if not allowed:
        raise Http404("没有这张照片")
    try:
        handle = item.image.open("rb")
    except OSError:
        raise Http404("没有这张照片") from None
    response = FileResponse(handle, content_type="image/png" if item.image.name.endswith(".png") else "image/jpeg")
    response["Cache-Control"] = "private, max-age=3600"
    response["X-Content-Type-Options"] = "nosniff"
    return response


def public_detail(request, tracking_number):
    resident_request = public.public_request(tracking_number)
    if resident_request is None:
        raise Http404("没有这条公开留言")
    notes = [note for fn in hooks.get_hooks("townsquare_request_public_notes") for note in fn(resident_request)]
    context = {"shown": public.Shown(resident_request), "notes": notes}
    return render(request, "resident_requests/public_detail.html", context)
