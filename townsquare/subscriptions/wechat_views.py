"""订阅 by WeChat under /dingyue/weixin/: the start (to WeChat's web authorisation), its callback, the form, and a
digest's page. How and why: ``wechat.py``.

This browser's proven WeChat subscriber is kept in its session (``core.grants``, ``WECHAT``) for the form; the
manage page is the same signed link as for e-mail. No page shows the openid.
"""

from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from townsquare.channels.qr import qr_data_uri
from townsquare.core import grants, pagecache, ratelimit
from townsquare.core.forms import new_submission_key, submission_key
from townsquare.core.ratelimit import HOUR
from townsquare.relays.wechat.client import WechatError
from townsquare.relays.wechat.sync import is_demo

from . import subscribing, tokens, wechat
from .forms import WechatSubscribeForm
from .models import Subscriber

WECHAT = "subscriptions:wechat"  # the WeChat subscriber this browser proved (core.grants)
FORM_TEMPLATE = "subscriptions/subscribe.html"


def _account():
    pagecache.do_not_cache()
    channel = wechat.account()
    if channel is None:
        raise Http404("本站没有开通微信订阅")
    return channel


def start_url(query=""):
    """The absolute address of the start (what the subscribe page's QR code holds)."""
    path = reverse("subscriptions:wechat_start")
    return tokens.absolute(f"{path}?{query}" if query else path)


def offer(request):
    """What the subscribe page offers: None, or {"start"/"manage": urls to follow here, "qr": a QR code to scan}."""
    channel = wechat.account()
    if channel is None:
        return None
    query = request.GET.urlencode()
    here = wechat.in_wechat(request) or is_demo(channel)
    return {
        "start": start_url(query) if here else "",
        "manage": start_url("next=manage") if here else "",
        "qr": "" if wechat.in_wechat(request) else qr_data_uri(start_url(query)),
        "demo": is_demo(channel),
    }


def _failed(request, text, status):
    return render(request, "subscriptions/wechat_failed.html", {"text": text}, status=status)


@never_cache
@require_http_methods(["GET", "HEAD"])
def start(request):
    """To WeChat's authorisation (outside WeChat: a QR code of this address to scan with it)."""
    channel = _account()
    demo = is_demo(channel)
    if not wechat.in_wechat(request) and not demo:
        return render(
            request, "subscriptions/wechat_scan.html", {"qr": qr_data_uri(start_url(request.GET.urlencode()))}
        )
    query = request.GET.copy()
    manage = query.pop("next", [""])[0] == "manage"
    state = wechat.begin(request, {"query": query.urlencode(), "manage": manage})
    callback = tokens.absolute(reverse("subscriptions:wechat_callback"))
    if demo:  # no real account behind it: WeChat's answer is played here
        return redirect(f"{callback}?code=demo&state={state}")
    return redirect(wechat.authorize_url(channel, callback, state))


@never_cache
@require_http_methods(["GET", "HEAD"])
def callback(request):
    """WeChat comes back with ``code`` and our ``state``: the openid, the subscriber, then the form or manage page."""
    channel = _account()
    after = wechat.finish(request, request.GET.get("state"))
    code = request.GET.get("code", "")
    if after is None or not code:
        return _failed(request, "这个链接已经过期或不完整，请回到订阅页重新打开。", 400)
    try:
        openid = wechat.openid_for(channel, code, request)
    except WechatError:
        return _failed(request, "暂时没能从微信确认您的身份，请稍后从订阅页重新打开。", 502)
    subscriber = wechat.subscriber_for(channel, openid)
    request.session.cycle_key()  # a new session key once this browser holds a proven subscriber
    grants.grant(request, WECHAT, subscriber.pk)
    if after["manage"]:
        return redirect("subscriptions:manage", tokens.make(subscriber, tokens.MANAGE))
    form_url = reverse("subscriptions:wechat_form")
    return redirect(f"{form_url}?{after['query']}" if after["query"] else form_url)


def _granted_subscriber(request):
    ids = grants.granted(request, WECHAT)
    return Subscriber.objects.exclude(openid="").filter(pk=ids[-1]).first() if ids else None


def _form_page(request, form, key, subscriber, status=200, notice=""):
    context = {
        "form": form,
        "submission_key": key,
        "notice": notice,
        "by_wechat": True,
        "manage_token": tokens.make(subscriber, tokens.MANAGE),
    }
    return render(request, FORM_TEMPLATE, context, status=status)


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def form(request):
    """The subscribe form without an address, for the WeChat subscriber this browser proved."""
    from .views import initial_from

    _account()
    subscriber = _granted_subscriber(request)
    if subscriber is None:
        return redirect(start_url(request.GET.urlencode()))
    if request.method != "POST":
        return _form_page(
            request, WechatSubscribeForm(initial=initial_from(request.GET)), new_submission_key(), subscriber
        )
    subscribe_form = WechatSubscribeForm(request.POST)
    key = submission_key(subscribe_form.data)
    if subscribe_form.is_robot:
        subscribe_form.clear_honeypot()
        return _form_page(request, subscribe_form, key, subscriber, 400, "没有提交成功，请再点一次“订阅”。")
    if not subscribe_form.is_valid():
        return _form_page(request, subscribe_form, key, subscriber, 400)
    ident = f"wechat-{subscriber.pk}"
    if ratelimit.reached("subscriptions-address", ident, settings.SUBSCRIPTIONS_PER_ADDRESS_HOUR, HOUR):
        notice = "一小时内订阅的次数太多了，请过一小时再试。您选的内容都还在。"
        return _form_page(request, subscribe_form, key, subscriber, 429, notice)
    subscribing.subscribe_wechat(subscriber, subscribe_form.target(), subscribe_form.cleaned_data["frequency"], key)
    ratelimit.hit("subscriptions-address", ident, HOUR)
    manage_url = reverse("subscriptions:manage", args=[tokens.make(subscriber, tokens.MANAGE)])
    return redirect(f"{manage_url}?ok=1")


@never_cache
def digest(request, token):
    """A digest's items (the link of a WeChat digest message)."""
    pagecache.do_not_cache()
    found = tokens.read_digest(token)
    if found is None:
        raise Http404("链接不对或已过期")
    items = list(found.items.order_by("created_at", "pk"))
    return render(request, "subscriptions/digest.html", {"digest": found, "items": items})
