"""依申请公开 for applicants under /gongkai/shenqing/: the form, the success page, the query, the 补正 sent online,
the 告知书 download; the statistics page is in stats_views.py.

State changes go through ``handling``; the tracking number and query password are core's (core.tracking),
what this browser may see is remembered with core.grants, limits with core.ratelimit.
"""

import logging

from django.conf import settings
from django.contrib import messages
from django.db import DatabaseError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from townsquare.core import grants, ratelimit
from townsquare.core.forms import new_submission_key, submission_key
from townsquare.core.ratelimit import HOUR
from townsquare.units.access import may_act_on

from . import handling
from .forms import ApplicationForm, CorrectionForm, QueryForm, applying_units
from .models import Application, Notice, Status

logger = logging.getLogger(__name__)

ACCESS = "disclosure_requests:access"  # tracking numbers this browser may see (core.grants)
PASSWORDS = "disclosure_requests:passwords"  # just-issued query passwords, shown once on the success page
FORM_TEMPLATE = "disclosure_requests/apply.html"
QUERY_TEMPLATE = "disclosure_requests/query.html"


def _render_form(request, form, key, status=200, notice=""):
    failed = status != 200 or bool(form.errors)
    context = {"form": form, "submission_key": key, "notice": notice, "file_lost": failed and bool(request.FILES)}
    return render(request, FORM_TEMPLATE, context, status=status)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def apply(request):
    if request.method != "POST":
        unit = applying_units().filter(slug=request.GET.get("unit", "")).first()
        return _render_form(request, ApplicationForm(initial={"unit": unit}), new_submission_key())
    form = ApplicationForm(request.POST, request.FILES)
    key = submission_key(form.data)
    if form.is_robot:
        form.clear_honeypot()
        return _render_form(request, form, key, status=400, notice="没有提交成功，请再点一次“提交申请”。")
    try:
        existing = Application.objects.filter(submission_key=key).first()
        if existing is not None:
            return _after_submit(request, existing, None)
        if not form.is_valid():
            return _render_form(request, form, key, status=400)
        limit = settings.REQUEST_RATE_LIMIT_PER_IP_HOUR
        if ratelimit.reached("disclosure-submit-ip", ratelimit.client_ip(request), limit, HOUR):
            notice = f"这个网络一小时内已经提交了{limit}件申请，请过一小时再提交。您填的内容都还在。"
            return _render_form(request, form, key, status=429, notice=notice)
        application, password = handling.submit(form.application_fields(), submission_key=key)
    except DatabaseError:
        logger.exception("a disclosure application could not be stored")
        notice = "系统暂时出了故障，申请没有保存。您填的文字都还在，请过几分钟再提交。"
        return _render_form(request, form, key, status=503, notice=notice)
    except handling.HandlingError as error:
        return _render_form(request, form, key, status=400, notice=str(error))
    if password is not None:
        ratelimit.hit("disclosure-submit-ip", ratelimit.client_ip(request), HOUR)
    return _after_submit(request, application, password)


def _after_submit(request, application, password):
    number = application.tracking_number
    if password is not None:
        grants.keep_secret(request, PASSWORDS, number, password, minutes=settings.REQUEST_PASSWORD_SHOW_MINUTES)
    grants.grant(request, ACCESS, number)
    url = reverse("disclosure_requests:done", args=[number])
    return redirect(url if password is not None else url + "?again=1")


def _to_query(number=""):
    url = reverse("disclosure_requests:query")
    return redirect(f"{url}?{urlencode({'number': number})}" if number else url)


def _own(request, number):
    application = Application.objects.select_related("unit").filter(tracking_number=number).first()
    if application is None or not grants.is_granted(request, ACCESS, number):
        return None
    return application


@never_cache
def done(request, tracking_number):
    application = _own(request, tracking_number)
    if application is None:
        return _to_query(tracking_number)
    context = {
        "item": application,
        "password": grants.kept_secret(request, PASSWORDS, tracking_number),
        "again": request.GET.get("again") == "1",
    }
    return render(request, "disclosure_requests/done.html", context)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def query(request):
    if request.method != "POST":
        number = request.GET.get("number", "")
        form = QueryForm(initial={"tracking_number": number if number.isdigit() else ""})
        return render(request, QUERY_TEMPLATE, {"form": form})
    form = QueryForm(request.POST)
    if not form.is_valid():
        return render(request, QUERY_TEMPLATE, {"form": form}, status=400)
    number, password = form.cleaned_data["tracking_number"], form.cleaned_data["password"]
    ip = ratelimit.client_ip(request)
    if ratelimit.reached("disclosure-query-ip", ip, settings.REQUEST_QUERY_FAILURES_PER_IP_HOUR) or ratelimit.reached(
        "disclosure-query-number", number, settings.REQUEST_QUERY_FAILURES_PER_NUMBER_HOUR
    ):
        message = "查询输错的次数太多了。为保护申请人的信息，请一小时后再试，或打电话向受理机关查询。"
        return ratelimit.refuse(request, QUERY_TEMPLATE, form, message)
    application = Application.objects.filter(tracking_number=number).only("pk", "query_password_hash").first()
    if application is None or not application.check_query_password(password):
        ratelimit.hit("disclosure-query-ip", ip)
        ratelimit.hit("disclosure-query-number", number)
        form.add_error(None, "申请编号或查询密码不对，请核对后再试。")
        return render(request, QUERY_TEMPLATE, {"form": form}, status=400)
    grants.grant(request, ACCESS, number)
    return redirect("disclosure_requests:detail", tracking_number=number)


def _render_detail(request, application, correction_form=None, status=200):
    context = {
        "item": application,
        "events": application.events.filter(is_public=True),
        "notices": application.notices.all(),
        "correction_form": correction_form or CorrectionForm(),
    }
    return render(request, "disclosure_requests/detail.html", context, status=status)


@never_cache
def detail(request, tracking_number):
    application = _own(request, tracking_number)
    if application is None:
        return _to_query(tracking_number)
    return _render_detail(request, application)


@require_POST
def correct(request, tracking_number):
    """The applicant sends the 补正 from the query page: the clock restarts from today."""
    application = _own(request, tracking_number)
    if application is None:
        return _to_query(tracking_number)
    form = CorrectionForm(request.POST)
    if application.status != Status.CORRECTION:
        messages.info(request, "这件申请现在不需要补正。")
        return redirect("disclosure_requests:detail", tracking_number=tracking_number)
    if not form.is_valid():
        return _render_detail(request, application, correction_form=form, status=400)
    handling.receive_correction(application, form.cleaned_data["answer"])
    messages.success(request, "补正已提交，答复期限从今天重新计算。")
    return redirect("disclosure_requests:detail", tracking_number=tracking_number)


@never_cache
def notice_file(request, tracking_number, notice_id):
    """A 告知书 PDF: for the applicant who proved the query password in this browser, or the unit's staff."""
    notice = get_object_or_404(Notice.objects.select_related("application"), pk=notice_id)
    application = notice.application
    allowed = application.tracking_number == tracking_number and (
        grants.is_granted(request, ACCESS, tracking_number) or may_act_on(request.user, application.unit_id)
    )
    if not allowed or not notice.pdf:
        raise Http404
    response = FileResponse(notice.pdf.open("rb"), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{application.tracking_number}-{notice.kind}.pdf"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
