"""订阅 under /dingyue/: the subscribe form, the confirmation, the manage page and one-click unsubscribe.

The manage, confirm and unsubscribe pages are reached by signed links from e-mails and WeChat messages
(``tokens``); no account is needed. Subscribing by WeChat: ``wechat_views``. The unsubscribe address accepts
RFC 8058 one-click POSTs from mail programs (no CSRF token: the signed link is the proof).
"""

from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from django.views.decorators.vary import vary_on_headers

from townsquare.core import grants, pagecache, ratelimit
from townsquare.core.forms import new_submission_key, submission_key
from townsquare.core.privacy import mask_text
from townsquare.core.ratelimit import HOUR
from townsquare.publishing.models import SectionPage
from townsquare.units.models import Unit

from . import subscribing, tokens
from .forms import SubscribeForm
from .models import TOWN_KINDS, Frequency, Kind, Subscriber

FORM_TEMPLATE = "subscriptions/subscribe.html"
PENDING = "subscriptions:pending"  # the subscriber ids this browser just asked to confirm (core.grants)


def initial_from(query):
    """What a "订阅此栏目" link asks for: ?column=<id>, ?unit=<slug>, or ?kind=…&town=<slug>."""
    initial = {"frequency": Frequency.IMMEDIATE}
    column = (
        SectionPage.objects.live().filter(pk=query.get("column", "") or 0).first()
        if query.get("column", "").isdigit()
        else None
    )
    unit = Unit.objects.filter(slug=query.get("unit", "")).first() if query.get("unit") else None
    town = Unit.objects.filter(slug=query.get("town", ""), kind__in=TOWN_KINDS).first() if query.get("town") else None
    if column is not None:
        initial.update(kind=Kind.COLUMN, column=column)
    elif unit is not None:
        initial.update(kind=Kind.UNIT, unit=unit)
    if query.get("kind") in Kind.values:
        initial["kind"] = query["kind"]
    if town is not None:
        initial["town"] = town
    return initial


def _form_page(request, form, key, status=200, notice=""):
    from .wechat_views import offer

    context = {"form": form, "submission_key": key, "notice": notice, "wechat": offer(request)}
    return render(request, FORM_TEMPLATE, context, status=status)


@never_cache
@vary_on_headers("User-Agent")
@require_http_methods(["GET", "HEAD", "POST"])
def subscribe(request):
    if request.method != "POST":
        return _form_page(request, SubscribeForm(initial=initial_from(request.GET)), new_submission_key())
    form = SubscribeForm(request.POST)
    key = submission_key(form.data)
    if form.is_robot:
        form.clear_honeypot()
        return _form_page(request, form, key, status=400, notice="没有提交成功，请再点一次“订阅”。")
    if not form.is_valid():
        return _form_page(request, form, key, status=400)
    email, ip = form.cleaned_data["email"], ratelimit.client_ip(request)
    limits = (
        ("subscriptions-address", email, settings.SUBSCRIPTIONS_PER_ADDRESS_HOUR),
        ("subscriptions-ip", ip, settings.SUBSCRIPTIONS_PER_IP_HOUR),
    )
    if any(ratelimit.reached(scope, ident, limit, HOUR) for scope, ident, limit in limits):
        notice = "一小时内订阅的次数太多了，请过一小时再试。您填的内容都还在。"
        return _form_page(request, form, key, status=429, notice=notice)
    subscriber = subscribing.subscribe(email, form.target(), form.cleaned_data["frequency"], key)
    for scope, ident, _ in limits:
        ratelimit.hit(scope, ident, HOUR)
    grants.grant(request, PENDING, subscriber.pk)
    return redirect("subscriptions:sent", subscriber.pk)


@never_cache
def sent(request, pk):
    if not grants.is_granted(request, PENDING, pk):
        raise Http404
    subscriber = Subscriber.objects.filter(pk=pk).first()
    if subscriber is None:
        raise Http404
    return render(request, "subscriptions/sent.html", {"masked_email": mask_text(subscriber.email)})


def _subscriber(token, purpose, max_age=None):
    pagecache.do_not_cache()
    subscriber = tokens.read(token, purpose, max_age)
    if subscriber is None:
        raise Http404("链接不对或已过期")
    return subscriber


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def confirm(request, token):
    """A GET only shows the button (mail scanners open links); the POST confirms."""
    subscriber = _subscriber(token, tokens.CONFIRM, max_age=settings.SUBSCRIPTIONS_CONFIRM_DAYS * 86400)
    if request.method == "POST":
        subscribing.confirm(subscriber)
        return redirect("subscriptions:manage", tokens.make(subscriber, tokens.MANAGE))
    return render(request, "subscriptions/confirm.html", {"masked_email": mask_text(subscriber.email)})


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def manage(request, token):
    subscriber = _subscriber(token, tokens.MANAGE)
    subscriptions = list(subscriber.subscriptions.select_related("unit", "column").order_by("pk"))
    saved = False
    if request.method == "POST":
        if request.POST.get("action") == "all":
            subscribing.unsubscribe_all(subscriber)
            return render(request, "subscriptions/unsubscribed.html", {"manage_token": token})
        frequencies = {
            each.pk: request.POST.get(f"frequency-{each.pk}")
            for each in subscriptions
            if request.POST.get(f"frequency-{each.pk}") in Frequency.values
        }
        removed = {each.pk for each in subscriptions if request.POST.get(f"remove-{each.pk}")}
        subscribing.update(subscriber, frequencies, removed)
        subscriptions = list(subscriber.subscriptions.select_related("unit", "column").order_by("pk"))
        saved = True
    context = {
        "masked_email": subscriber.public_label(),
        "by_wechat": subscriber.by_wechat,
        "subscriptions": subscriptions,
        "frequencies": Frequency.choices,
        "saved": saved,
        "subscribed": request.method != "POST" and request.GET.get("ok") == "1",
    }
    return render(request, "subscriptions/manage.html", context)


@csrf_exempt
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    """GET: a page with one button. POST (that button, or a mail program's ``List-Unsubscribe=One-Click``): done."""
    subscriber = _subscriber(token, tokens.UNSUBSCRIBE)
    manage_token = tokens.make(subscriber, tokens.MANAGE)
    if request.method == "POST":
        subscribing.unsubscribe_all(subscriber)
        return render(request, "subscriptions/unsubscribed.html", {"manage_token": manage_token})
    return render(request, "subscriptions/unsubscribe.html", {"masked_email": subscriber.public_label()})
