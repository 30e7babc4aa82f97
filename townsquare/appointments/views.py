"""预约办理 for residents, under /yuyue/: pick a day and a slot, book, see the code, add it to a calendar,
look bookings up, cancel or move them.

Views stay thin: places are taken and given back in ``booking``, days and masking in
``public``. Which bookings this browser may see is kept in the session (``core.grants``) as
the codes of the bookings it proved, one by one: by making the booking, or by giving its
code with the phone's last four digits, or with a one-time code e-mailed to the booking's address
(``email_codes``). Knowing a phone number opens nothing. 我的预约 lists the bookings this browser proved. Pages that
show a resident's own booking are sent with ``Cache-Control: no-store``.

Rate limits count in Django's cache (fixed windows; a failing cache lets requests through).
Settings, with their defaults:
  APPOINTMENT_LOOKUP_FAILURES_PER_IP_HOUR (20)    wrong code/phone pairs from one address per hour
  APPOINTMENT_LOOKUP_FAILURES_PER_CODE_HOUR (5)   wrong phone digits for one code per hour
  APPOINTMENT_BOOKINGS_PER_IP_HOUR (30)           new bookings from one address per hour
  APPOINTMENT_EMAIL_CODES_PER_HOUR (3)            e-mailed codes per booking and per e-mail address per hour
Wrong e-mailed codes count like wrong phone digits.
"""

import hmac
import logging

from django.conf import settings
from django.contrib import messages
from django.db import DatabaseError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from townsquare.core import grants, ratelimit
from townsquare.core.forms import new_submission_key, submission_key

from . import booking as booking_rules
from . import email_codes, public
from .calendar import booking_calendar
from .forms import BookingCodeForm, BookingForm, EmailCodeForm, LookupForm, MoveForm
from .models import Booking

logger = logging.getLogger(__name__)

ACCESS = "appointments:bookings"  # codes of the bookings this browser proved (core.grants)
# Granted whole phone numbers before: dropped, so that old sessions open nothing more than their bookings.
LEGACY_ACCESS = "appointments:phones"


def _lookup_limited(request, code):
    if ratelimit.reached(
        "appointments-lookup-ip", ratelimit.client_ip(request), settings.APPOINTMENT_LOOKUP_FAILURES_PER_IP_HOUR
    ):
        return True
    return ratelimit.reached("appointments-lookup-code", code, settings.APPOINTMENT_LOOKUP_FAILURES_PER_CODE_HOUR)


# --- which bookings this browser may see ----------------------------------------------------------


def _grant(request, booking):
    request.session.pop(LEGACY_ACCESS, None)
    grants.grant(request, ACCESS, booking.code)


def _may_see(request, booking):
    return grants.is_granted(request, ACCESS, booking.code)


def _own_booking(request, code):
    booking = (
        Booking.objects.select_related("slot", "service__guide", "service__window__unit").filter(code=code).first()
    )
    if booking is None or not _may_see(request, booking):
        return None
    return booking


TOO_MANY_WRONG = "输错的次数太多了。为保护预约人的信息，请一小时后再试，或打电话到窗口查询。"


def _to_lookup(code=""):
    url = reverse("appointments:lookup")
    return redirect(f"{url}?{urlencode({'code': code})}" if code else url)


# --- the list of bookable services -------------------------------------------------------------------


def index(request):
    services = list(public.bookable_services())
    groups = {}
    for service in services:
        groups.setdefault(service.window.unit, []).append(service)
    return render(request, "appointments/index.html", {"groups": list(groups.items())})


# --- booking ------------------------------------------------------------------------------------------


def _render_book(request, service, days, day, form, key, status=200, notice=""):
    context = {
        "service": service,
        "days": days,
        "day": day,
        "form": form,
        "submission_key": key,
        "notice": notice,
    }
    return render(request, "appointments/book.html", context, status=status)


@never_cache  # a refused form shows what the resident typed
@require_http_methods(["GET", "HEAD", "POST"])
def book(request, pk):
    service = public.bookable_service(pk)
    if service is None:
        raise Http404("没有这个预约事项")
    source = request.POST if request.method == "POST" else request.GET
    try:
        days = public.open_days(service)
    except DatabaseError:
        logger.exception("slots of service %s could not be read", pk)
        form = BookingForm(request.POST or None)
        return _render_book(request, service, [], None, form, new_submission_key(), 503, "unavailable")
    wanted = public.parse_day(source.get("day"))
    day = next((d for d in days if d.day == wanted), None)
    slots = day.slots if day else []

    if request.method != "POST":
        return _render_book(request, service, days, day, BookingForm(slots=slots), new_submission_key())

    form = BookingForm(request.POST, slots=slots)
    key = submission_key(request.POST)
    if form.is_robot:
        form.clear_honeypot()
        return _render_book(request, service, days, day, form, key, 400, "robot")
    existing = Booking.objects.filter(submission_key=key).first()
    if existing is not None:  # the same form sent again (double click, refresh): the booking already made
        _grant(request, existing)
        return redirect(reverse("appointments:booking", args=[existing.code]) + "?new=1")
    if day is None:
        form.is_valid()
        form.add_error("slot", "这一天已经约满或不能预约了，请重新选一天。" if source.get("day") else "请先选一天。")
        return _render_book(request, service, days, None, form, key, 400)
    if not form.is_valid():
        return _render_book(request, service, days, day, form, key, 400)
    if ratelimit.reached(
        "appointments-book-ip", ratelimit.client_ip(request), settings.APPOINTMENT_BOOKINGS_PER_IP_HOUR
    ):
        form.add_error(None, "这个网络一小时内预约的次数太多了，请过一小时再试，或打电话预约。")
        return _render_book(request, service, days, day, form, key, 429)
    try:
        made = booking_rules.book(
            form.chosen_slot(),
            name=form.cleaned_data["name"],
            phone=form.cleaned_data["phone"],
            email=form.cleaned_data["email"],
            submission_key=key,
        )
    except booking_rules.BookingError as error:
        form.add_error(error.field if error.field in form.fields else None, str(error))
        days = public.open_days(service)  # the places have changed: show them as they are now
        day = next((d for d in days if d.day == wanted), None)
        form.offer(day.slots if day else [])
        return _render_book(request, service, days, day, form, key, 409)
    except DatabaseError:
        logger.exception("a booking could not be stored")
        return _render_book(request, service, days, day, form, key, 503, "unavailable")
    ratelimit.hit("appointments-book-ip", ratelimit.client_ip(request))
    _grant(request, made)
    return redirect(reverse("appointments:booking", args=[made.code]) + "?new=1")


# --- the resident's booking ------------------------------------------------------------------------------


@never_cache
def booking_detail(request, code):
    booking = _own_booking(request, code)
    if booking is None:
        return _to_lookup(code)
    upcoming, past = public.other_bookings(booking, grants.granted(request, ACCESS))
    context = {
        "shown": public.Shown(booking),
        "is_new": request.GET.get("new") == "1",
        "upcoming": [public.Shown(b) for b in upcoming],
        "past": [public.Shown(b) for b in past],
    }
    return render(request, "appointments/booking.html", context)


@never_cache
def booking_ics(request, code):
    booking = _own_booking(request, code)
    if booking is None:
        return _to_lookup(code)
    url = request.build_absolute_uri(reverse("appointments:booking", args=[booking.code]))
    response = HttpResponse(booking_calendar(booking, url), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="yuyue-{booking.code}.ics"'
    return response


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def cancel(request, code):
    booking = _own_booking(request, code)
    if booking is None:
        return _to_lookup(code)
    if request.method == "POST":
        try:
            booking_rules.cancel(booking)
        except booking_rules.BookingError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, "预约已取消，名额已让给其他人。需要的话可以重新预约。")
        return redirect("appointments:booking", code=booking.code)
    return render(request, "appointments/cancel.html", {"shown": public.Shown(booking)})


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def move(request, code):
    booking = _own_booking(request, code)
    if booking is None:
        return _to_lookup(code)
    if not booking.can_change:
        messages.error(request, "这个预约已经不能改约了（已取消、已办理，或时间已到）。")
        return redirect("appointments:booking", code=booking.code)
    source = request.POST if request.method == "POST" else request.GET
    days = public.open_days(booking.service)
    wanted = public.parse_day(source.get("day"))
    day = next((d for d in days if d.day == wanted), None)
    slots = [s for s in (day.slots if day else []) if s.pk != booking.slot_id]
    form = MoveForm(request.POST if request.method == "POST" else None, slots=slots)
    status = 200
    if request.method == "POST":
        if day is None:
            form.is_valid()
            form.add_error("slot", "这一天已经约满或不能预约了，请重新选一天。")
            status = 400
        elif form.is_valid():
            try:
                booking_rules.move(booking, form.chosen_slot())
            except booking_rules.BookingError as error:
                form.add_error("slot", str(error))
                status = 409
            else:
                messages.success(request, "改约成功，原来的时段已让给其他人。")
                return redirect("appointments:booking", code=booking.code)
        else:
            status = 400
    context = {"shown": public.Shown(booking), "days": days, "day": day, "form": form}
    return render(request, "appointments/move.html", context, status=status)


# --- looking bookings up ----------------------------------------------------------------------------------


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def lookup(request):
    if request.method != "POST":
        form = LookupForm(initial={"code": request.GET.get("code", "")[:20], "service": request.GET.get("service")})
        return render(request, "appointments/lookup.html", {"form": form})
    form = LookupForm(request.POST)
    if form.is_robot:
        form.clear_honeypot()
        form.add_error(None, "没有查询成功，请再点一次“查询”。")
        return render(request, "appointments/lookup.html", {"form": form}, status=400)
    if not form.is_valid():
        return render(request, "appointments/lookup.html", {"form": form}, status=400)
    code, tail = form.cleaned_data["code"], form.cleaned_data["phone_tail"]
    if _lookup_limited(request, code):
        return ratelimit.refuse(request, "appointments/lookup.html", form, TOO_MANY_WRONG)
    booking = Booking.objects.filter(code=code).only("pk", "code", "phone").first()
    # The same answer, and the same count, for an unknown code and for wrong digits.
    if booking is None or not hmac.compare_digest(booking.phone[-4:], tail):
        _lookup_failed(request, code)
        form.add_error(None, "预约码或手机号后4位不对，请核对后再试。")
        return render(request, "appointments/lookup.html", {"form": form}, status=400)
    _grant(request, booking)
    return redirect("appointments:booking", code=booking.code)


def _lookup_failed(request, code):
    ratelimit.hit("appointments-lookup-ip", ratelimit.client_ip(request))
    ratelimit.hit("appointments-lookup-code", code)


# --- a one-time code by e-mail, for a resident who has the booking code but not the phone -------------------

EMAIL_REFUSALS = {
    email_codes.Checked.WRONG: "验证码不对，请核对邮件里的6位数字。",
    email_codes.Checked.EXPIRED: "验证码已经过期了（{minutes}分钟内有效），请重新获取。",
    email_codes.Checked.USED: "这个验证码已经用过了，每个验证码只能用一次，请重新获取。",
}


@never_cache
@require_http_methods(["POST"])
def email_code_send(request):
    """Send six digits to the booking's e-mail address (the lookup form's second button)."""
    form = BookingCodeForm(request.POST)
    if form.is_robot:
        form.clear_honeypot()
        form.add_error(None, "没有发送成功，请再点一次。")
        return render(request, "appointments/lookup.html", {"form": form}, status=400)
    if not form.is_valid():
        return render(request, "appointments/lookup.html", {"form": form}, status=400)
    code = form.cleaned_data["code"]
    if _lookup_limited(request, code):
        return ratelimit.refuse(request, "appointments/lookup.html", form, TOO_MANY_WRONG)
    booking = Booking.objects.select_related("service__window__unit").filter(code=code).first()
    if booking is None or not booking.email:  # the same answer: no address, or no such code
        _lookup_failed(request, code)
        form.add_error(None, "这个预约码不对，或者预约时没有留邮箱。请用手机号后4位查询，或打电话到窗口。")
        return render(request, "appointments/lookup.html", {"form": form}, status=400)
    sent = email_codes.send_code(booking, ratelimit.client_ip(request))
    if sent == email_codes.Sent.LIMITED:
        message = "验证码发得太多了。请先查收已经发出的邮件，或一小时后再试，也可以打电话到窗口查询。"
        return ratelimit.refuse(request, "appointments/lookup.html", form, message)
    if sent == email_codes.Sent.FAILED:
        form.add_error(None, "邮件没有发出去，请稍后再试，或打电话到窗口查询。")
        return render(request, "appointments/lookup.html", {"form": form}, status=503)
    entry = EmailCodeForm(initial={"code": booking.display_code, "service": form.cleaned_data["service"]})
    context = {
        "form": entry,
        "address": email_codes.masked_address(booking),
        "minutes": settings.APPOINTMENT_EMAIL_CODE_MINUTES,
    }
    return render(request, "appointments/email_code.html", context)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def email_code_check(request):
    """The booking code and the e-mailed digits: right once, within the minutes, opens that booking."""
    if request.method != "POST":
        initial = {"code": request.GET.get("code", "")[:20], "service": request.GET.get("service")}
        return render(request, "appointments/email_code.html", {"form": EmailCodeForm(initial=initial)})
    form = EmailCodeForm(request.POST)
    if form.is_robot:
        form.clear_honeypot()
        form.add_error(None, "没有验证成功，请再点一次。")
        return render(request, "appointments/email_code.html", {"form": form}, status=400)
    if not form.is_valid():
        return render(request, "appointments/email_code.html", {"form": form}, status=400)
    code, digits = form.cleaned_data["code"], form.cleaned_data["email_code"]
    if _lookup_limited(request, code):
        return ratelimit.refuse(request, "appointments/email_code.html", form, TOO_MANY_WRONG)
    booking = Booking.objects.filter(code=code).only("pk", "code").first()
    checked = email_codes.check_code(booking, digits) if booking else email_codes.Checked.WRONG
    if checked != email_codes.Checked.OK:
        _lookup_failed(request, code)
        form.add_error(None, EMAIL_REFUSALS[checked].format(minutes=settings.APPOINTMENT_EMAIL_CODE_MINUTES))
        return render(request, "appointments/email_code.html", {"form": form}, status=400)
    _grant(request, booking)
    return redirect("appointments:booking", code=booking.code)


# --- 我的预约 ------------------------------------------------------------------------------------------------


@never_cache
def mine(request):
    """The bookings this browser proved; none yet: the look-up page."""
    codes = grants.granted(request, ACCESS)
    upcoming, past = public.granted_bookings(codes) if codes else ([], [])
    if not upcoming and not past:
        return _to_lookup()
    context = {"upcoming": [public.Shown(b) for b in upcoming], "past": [public.Shown(b) for b in past]}
    return render(request, "appointments/mine.html", context)
