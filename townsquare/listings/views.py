"""Public pages of the listings: lists with filters, details, the events calendar and .ics files,
contact reveals, reports (举报), public submission, e-mail verification and the management code.

Views stay thin: rows and filters come from ``public``, state changes from the models and
``submission``, limits from ``ratelimit``.
"""

import logging

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import DatabaseError, IntegrityError
from django.db.models import Count, Min
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods, require_POST

from townsquare.core import fragments, grants, pagecache, ratelimit
from townsquare.core.forms import new_submission_key, submission_key
from townsquare.core.ratelimit import DAY, HOUR

from . import home, ics, public, submission
from .forms import SUBMIT_FORMS, ManageForm, RentalPhotoLimits, ReportForm, VerifyForm
from .models import Report, Status, listing_model

logger = logging.getLogger(__name__)

ACCESS = "listings:access"  # references this browser proved it manages, by code or by submitting (core.grants)
LIST_BODY_TEMPLATE = "listings/includes/list_body.html"
CODE_KEY = "listings:new-code:{}"  # a just-issued management code, shown on the next page only


def _kind_page(kind):
    page = public.KIND_PAGES.get(kind)
    if page is None:
        raise Http404
    return page


# --- lists and details ---------------------------------------------------------------------------


def index(request):
    data = home.summary() or {"counts": {}, "traffic": []}
    cards = [(page, data["counts"].get(page.kind, 0)) for page in public.KIND_PAGES.values()]
    return render(request, "listings/index.html", {"cards": cards, "summary": data})


def _filtered(request, form_class, rows, per_page):
    """The GET filter form of a list and the asked-for page of the rows it lets through."""
    form = form_class(request.GET, town_list=public.towns())
    return form, Paginator(form.apply(rows), per_page).get_page(request.GET.get("page"))


def kind_list(request, kind):
    """A kind's list: its filters, cards and pager rendered once per query string and kept as a fragment
    (``list_body``) while its rows are unchanged, until the first listed row expires, a listed traffic
    notice comes into effect, or the day ends (education's 即将开始)."""
    page = _kind_page(kind)

    def compute():
        now = timezone.now()
        form = page.filter_form(request.GET, town_list=public.towns())
        rows = form.apply(page.rows())
        # The count and the first expiry in one query: when a row leaves the list, the count changes.
        totals = rows.order_by().aggregate(count=Count("pk"), first_expiry=Min("expires_at"))
        paginator = Paginator(rows, settings.LISTINGS_PAGE_SIZE)
        paginator.count = totals["count"]
        page_obj = paginator.get_page(request.GET.get("page"))
        items = list(page_obj)
        starts = [item.starts_at for item in items if kind == "traffic" and item.starts_at > now]
        pagecache.valid_until(min([pagecache.next_midnight(now), *filter(None, [totals["first_expiry"]]), *starts]))
        context = {
            "kind_page": page,
            "form": form,
            "page_obj": page_obj,
            "items": items,
            "filtered": form.filtered,
            "now": now,
            "today": timezone.localdate(now),
        }
        return {"number": page_obj.number, "html": fragments.render(LIST_BODY_TEMPLATE, context, request)}

    key = f"listings:list-body:v1:{kind}:{fragments.query_key(request)}"
    body = pagecache.remember(key, compute, settings.PAGE_FRAGMENT_SECONDS)
    context = {"kind_page": page, "page_number": body["number"], "list_body": mark_safe(body["html"])}
    return render(request, "listings/list.html", context)


def detail(request, kind, pk):
    page = _kind_page(kind)
    listing = page.rows().filter(pk=pk).first()
    if listing is None:
        model = listing_model(kind)
        if not model.objects.filter(pk=pk).exists():
            raise Http404
        return render(request, "listings/gone.html", {"kind_page": page}, status=404)
    context = {"kind_page": page, "item": listing, "report_form": ReportForm(), "now": timezone.now()}
    return render(request, "listings/detail.html", context)


def _directory(request, kind, form_class, rows, template):
    """A directory (schools, attractions) under its kind's page: filtered, 50 to a page."""
    form, page_obj = _filtered(request, form_class, rows, 50)
    context = {"kind_page": _kind_page(kind), "form": form, "page_obj": page_obj, "filtered": form.filtered}
    return render(request, template, context)


def schools(request):
    return _directory(request, "education", public.EducationFilterForm, public.schools(), "listings/schools.html")


def school_detail(request, pk):
    school = get_object_or_404(public.schools(), pk=pk)
    notices = public.enrolment_notices().filter(school=school)[:10]
    context = {"kind_page": _kind_page("education"), "school": school, "notices": notices}
    return render(request, "listings/school_detail.html", context)


def attractions(request):
    return _directory(request, "culture", public.FilterForm, public.attractions(), "listings/attractions.html")


def attraction_detail(request, pk):
    attraction = get_object_or_404(public.attractions(), pk=pk)
    return render(request, "listings/attraction_detail.html", {"kind_page": _kind_page("culture"), "item": attraction})


# --- the events calendar and .ics ----------------------------------------------------------------------


def calendar(request):
    import calendar as calendar_module
    import datetime

    year, month = public.parse_month(request.GET.get("month"))
    days = public.month_events(year, month)
    today = timezone.localdate()
    weeks = []
    for week in calendar_module.Calendar(firstweekday=0).monthdatescalendar(year, month):
        weeks.append(
            [
                {"date": day, "in_month": day.month == month, "events": days.get(day, []), "today": day == today}
                for day in week
            ]
        )
    first = datetime.date(year, month, 1)
    previous = (first - datetime.timedelta(days=1)).replace(day=1)
    following = (first + datetime.timedelta(days=32)).replace(day=1)
    context = {
        "kind_page": _kind_page("culture"),
        "year": year,
        "month": month,
        "weeks": weeks,
        "weekdays": ["一", "二", "三", "四", "五", "六", "日"],
        "previous": previous.strftime("%Y-%m"),
        "following": following.strftime("%Y-%m"),
        "has_events": bool(days),
    }
    return render(request, "listings/calendar.html", context)


def _ics_response(body, filename):
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def calendar_ics(request):
    events = list(public.events()[:500])
    body = ics.event_calendar(events, "示范县文旅活动", request.build_absolute_uri("/"))
    return _ics_response(body, "shifan-events.ics")


def event_ics(request, pk):
    event = get_object_or_404(public.events(), pk=pk)
    body = ics.event_calendar([event], event.title, request.build_absolute_uri("/"))
    return _ics_response(body, f"event-{event.pk}.ics")


# --- contact on request ---------------------------------------------------------------------------------


@require_http_methods(["GET", "HEAD", "POST"])
def contact(request, kind, pk):
    page = _kind_page(kind)
    listing = get_object_or_404(page.rows(), pk=pk)
    inline = request.headers.get("X-Requested-With") == "fetch"
    context = {"kind_page": page, "item": listing, "revealed": False, "limited": False}
    status = 200
    if request.method == "POST":
        limit = settings.LISTINGS_CONTACT_REVEALS_PER_IP_HOUR
        if ratelimit.reached("listings-contact", ratelimit.client_ip(request), limit, HOUR):
            context["limited"], context["limit"], status = True, limit, 429
        else:
            ratelimit.hit("listings-contact", ratelimit.client_ip(request), HOUR)
            context["revealed"] = True
    template = (
        "listings/includes/contact_result.html" if inline and request.method == "POST" else "listings/contact.html"
    )
    response = render(request, template, context, status=status)
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


# --- reports (举报) --------------------------------------------------------------------------------------


@require_http_methods(["GET", "HEAD", "POST"])
def report(request, kind, pk):
    page = _kind_page(kind)
    listing = get_object_or_404(page.rows(), pk=pk)
    form = ReportForm(request.POST or None)
    status = 200
    if request.method == "POST":
        limit = settings.LISTINGS_REPORTS_PER_IP_DAY
        if ratelimit.reached("listings-report", ratelimit.client_ip(request), limit, DAY):
            form.add_error(None, f"这个网络今天已经举报了{limit}次，请明天再试，或拨打12345反映。")
            status = 429
        elif form.is_valid():
            Report.objects.create(
                listing_kind=kind,
                listing_id=listing.pk,
                reason=form.cleaned_data["reason"],
                details=form.cleaned_data["details"],
            )
            ratelimit.hit("listings-report", ratelimit.client_ip(request), DAY)
            messages.success(request, "举报已收到，谢谢！工作人员会尽快核实。举报内容不会公开。")
            return redirect(listing.get_absolute_url())
        else:
            status = 400
    return render(request, "listings/report.html", {"kind_page": page, "item": listing, "form": form}, status=status)


# --- public submission --------------------------------------------------------------------------------------


@csrf_exempt  # checked in _submit, after the photo limits are in place (they must come before the body is read)
@require_http_methods(["GET", "HEAD", "POST"])
def submit(request, kind):
    if kind not in SUBMIT_FORMS:
        raise Http404
    limits = None
    if request.method == "POST" and kind == "rentals":
        limits = RentalPhotoLimits(request)
        request.upload_handlers.insert(0, limits)
    return _submit(request, kind, limits)


def _render_submit(request, kind, form, key, status=200, notice=""):
    photos_lost = bool(status != 200 and getattr(form, "chosen_photos", False))
    context = {
        "kind_page": _kind_page(kind),
        "form": form,
        "submission_key": key,
        "notice": notice,
        "photos_lost": photos_lost,
    }
    response = render(request, "listings/submit.html", context, status=status)
    if status == 429:
        response["Retry-After"] = "3600"
    return response


@csrf_protect
def _submit(request, kind, limits):
    form_class = SUBMIT_FORMS[kind]
    town_list = public.towns()
    if request.method != "POST":
        return _render_submit(request, kind, form_class(town_list=town_list), new_submission_key())
    extra = {"upload_problems": limits.problems} if limits else {}
    form = form_class(request.POST, request.FILES, town_list=town_list, **extra)
    key = submission_key(form.data)
    if form.is_robot:
        form.clear_honeypot()
        return _render_submit(request, kind, form, key, status=400, notice="没有提交成功，请再点一次“提交”。")
    model = listing_model(kind)
    existing = submission.already_received(model, key)
    if existing is not None:  # sent twice (double click, back and resend): the first one stands
        return _received_before(request, existing, key)
    if not form.is_valid():
        return _render_submit(request, kind, form, key, status=400)
    limit = settings.LISTINGS_SUBMITS_PER_IP_HOUR
    if ratelimit.reached("listings-submit", ratelimit.client_ip(request), limit, HOUR):
        notice = f"这个网络一小时内已经提交了{limit}条信息，请过一小时再提交。您填的内容都还在。"
        return _render_submit(request, kind, form, key, status=429, notice=notice)
    photos = form.photo_models() if hasattr(form, "photo_models") else []
    try:
        listing, code, sent = submission.submit(model, form.listing_fields(), photos=photos, submission_key=key)
    except ValidationError as error:
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
        return _render_submit(request, kind, form, key, status=400)
    except (IntegrityError, DatabaseError):
        existing = _stored_meanwhile(model, key)
        if existing is not None:  # sent twice at once: the other one stored it first
            return _received_before(request, existing, key)
        logger.exception("a public %s listing could not be stored", kind)
        notice = "系统暂时出了故障，信息没有保存。您填的内容都还在，请过几分钟再提交。"
        return _render_submit(request, kind, form, key, status=503, notice=notice)
    ratelimit.hit("listings-submit", ratelimit.client_ip(request), HOUR)
    grants.grant(request, ACCESS, listing.reference)
    request.session[CODE_KEY.format(listing.reference)] = {"code": code, "sent": sent}
    return redirect("listings:submitted", reference=listing.reference)


def _stored_meanwhile(model, key):
    """After a failed save: the listing the same form stored meanwhile (unique submission key), or None."""
    try:
        return model.objects.filter(submission_key=key).first()
    except DatabaseError:
        return None


def _received_before(request, listing, key):
    """Already received: the done page of the first submission, with its code while it is remembered."""
    grants.grant(request, ACCESS, listing.reference)
    code = submission.issued_code(key)
    if code:
        request.session[CODE_KEY.format(listing.reference)] = {"code": code, "sent": bool(listing.contact_email)}
    return redirect("listings:submitted", reference=listing.reference)


@never_cache
def submitted(request, reference):
    if not grants.is_granted(request, ACCESS, reference):
        return redirect(reverse("listings:manage") + f"?reference={reference}")
    listing = submission.find_by_reference(reference)
    if listing is None:
        raise Http404
    issued = request.session.pop(CODE_KEY.format(reference), None)
    context = {
        "kind_page": _kind_page(listing.kind),
        "item": listing,
        "code": issued["code"] if issued else "",
        "sent": issued["sent"] if issued else False,
        "verify_form": VerifyForm(),
    }
    return render(request, "listings/submitted.html", context)


@never_cache
@require_POST
def verify(request, reference):
    if not grants.is_granted(request, ACCESS, reference):
        return redirect("listings:manage")
    listing = submission.find_by_reference(reference)
    if listing is None:
        raise Http404
    form = VerifyForm(request.POST)
    if form.is_valid():
        try:
            submission.verify_email(listing, form.cleaned_data["code"])
        except ValidationError as error:
            form.add_error("code", error.messages[0])
        else:
            messages.success(request, "邮箱验证好了。工作人员审核通过后，信息就会显示出来。")
            return redirect("listings:manage_listing", reference=reference)
    context = {"kind_page": _kind_page(listing.kind), "item": listing, "code": "", "verify_form": form}
    return render(request, "listings/submitted.html", context, status=400)


# --- the management code -----------------------------------------------------------------------------------


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def manage(request):
    if request.method != "POST":
        form = ManageForm(initial={"reference": request.GET.get("reference", "")[:30]})
        return render(request, "listings/manage.html", {"form": form})
    form = ManageForm(request.POST)
    if not form.is_valid():
        return render(request, "listings/manage.html", {"form": form}, status=400)
    limit = settings.LISTINGS_CODE_FAILURES_PER_IP_HOUR
    if ratelimit.reached("listings-code", ratelimit.client_ip(request), limit, HOUR):
        form.add_error(None, "输错的次数太多了，请一小时后再试。")
        return render(request, "listings/manage.html", {"form": form}, status=429)
    listing = submission.find_by_reference(form.cleaned_data["reference"])
    if listing is None or not listing.check_management_code(form.cleaned_data["code"]):
        ratelimit.hit("listings-code", ratelimit.client_ip(request), HOUR)
        form.add_error(None, "信息编号或管理码不对，请核对后再试。")
        return render(request, "listings/manage.html", {"form": form}, status=400)
    grants.grant(request, ACCESS, listing.reference)
    return redirect("listings:manage_listing", reference=listing.reference)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def manage_listing(request, reference):
    if not grants.is_granted(request, ACCESS, reference):
        return redirect(reverse("listings:manage") + f"?reference={reference}")
    listing = submission.find_by_reference(reference)
    if listing is None:
        raise Http404
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "renew":
                listing.renew()
                messages.success(request, f"已续期，显示到 {timezone.localtime(listing.expires_at):%Y-%m-%d}。")
            elif action == "take_down":
                listing.take_down("提交人自己撤下")
                messages.success(request, "已撤下，这条信息不再公开显示。")
        except ValidationError as error:
            messages.error(request, error.messages[0])
        return redirect("listings:manage_listing", reference=reference)
    context = {
        "kind_page": _kind_page(listing.kind),
        "item": listing,
        "status": submission.submitter_status(listing),
        "renew_days": settings.LISTINGS_RENEW_DAYS,
        "Status": Status,
    }
    return render(request, "listings/manage_listing.html", context)
