"""订阅 by WeChat: residents of the county's connected 公众号, known by their openid, and the messages to them.

**Which account.** The county's connected 公众号 (``relays``: the county's active WeChat channel with an AppID and
AppSecret, from the admin's 公众号接入 or WECHAT_APP_ID/WECHAT_APP_SECRET). WeChat subscriptions are offered when
it is connected and WECHAT_SUBSCRIPTION_TEMPLATE_ID is set (or it is the demo account). An openid belongs to one
account: the subscriber keeps the channel next to it.

**Who it is.** WeChat's web authorisation (网页授权, ``snsapi_base``: silent, no consent screen, openid only): the
resident is sent to open.weixin.qq.com, which comes back to ``/dingyue/weixin/huidiao/`` with a ``code``; the code,
with the AppSecret, gives the openid (``GET /sns/oauth2/access_token``). The ``state`` is a random nonce kept in
this browser's session for ten minutes plus its HMAC (hex only: WeChat takes ``[a-zA-Z0-9]``, 128 bytes at most),
so a callback this browser did not start is refused (CSRF). The authorisation proves the openid: no confirmation
link; a first message 订阅成功 carries the manage link. The openid never appears on a page, in a link or in the API.

**Which message API.** Template messages (模板消息, ``POST /cgi-bin/message/template/send`` with ``touser``,
``template_id``, ``url``, ``data``), not 订阅通知 (``subscribe/bizsend``): a 订阅通知 needs the resident's consent
in WeChat's own button (JS-SDK ``wx-open-subscribe``) before each one-time send — long-term consent only for some
account categories — so it could not carry tomorrow's 停水 notice to everyone who subscribed here weeks ago. A
template message reaches any follower, and the subscription the resident made here is the consent. The template
(picked from WeChat's library in the 公众号 back-end, e.g. 信息发布提醒) has three keys,
WECHAT_SUBSCRIPTION_TEMPLATE_KEYS: the title and the publishing unit (``thing``: 20 characters at most,
longer ones cut with …) and the time; its ``url`` is the page. ``client_msg_id`` (the delivery's id) makes
WeChat drop a retry of a message it has sent already. Template messages need a certified 服务号.

**Digests** are one message per digest (每日订阅汇总：5条新信息) linking to the digest's own page (a signed link,
``tokens.digest_url``): a follower gets one message a day or week, not one per item. Urgent notices (停水停电、封路,
weather warnings) go at once, as for e-mail (``notifying``).

**Refusals.** 43004 (not following the account any more), 43101 (the resident refused its messages) and 40003
(openid unknown to the account) mark the subscriber unreachable: that delivery fails for good (no retry) and
nothing more is sent until they open 订阅 inside WeChat again. Other failures are retried like e-mail.

**The demo account** (``is_demo``, placeholder AppID): the authorisation is simulated (a demo openid, kept in the
session), and messages are logged as failed 演示账号 without calling WeChat.
"""

import secrets
import time
from urllib.parse import urlencode

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

from townsquare.relays.wechat.client import WechatError, error_message
from townsquare.relays.wechat.sync import channel_for, client_for, credentials, is_demo

from . import tokens
from .models import Message, Subscriber

SESSION = "subscriptions:wechat-oauth"
DEMO_SESSION = "subscriptions:wechat-demo-openid"
STATE_SECONDS = 600
NONCE_LENGTH = 16
FINAL_ERRORS = {40003, 43004, 43101}
THING_LENGTH = 20
DEMO_NOTE = "演示账号，不连接真实公众号，消息没有发出。"


def account():
    """The 公众号 residents subscribe through, or None when subscribing by WeChat is not offered."""
    channel = channel_for(None)
    if channel is None:
        return None
    return channel if settings.WECHAT_SUBSCRIPTION_TEMPLATE_ID or is_demo(channel) else None


def in_wechat(request):
    """Opened in WeChat's own browser (the only one where its web authorisation works)."""
    return "MicroMessenger" in request.headers.get("User-Agent", "")


# --- the web authorisation --------------------------------------------------------------------------


def _signature(nonce):
    return salted_hmac("subscriptions.wechat.state", nonce).hexdigest()[:32]


def begin(request, after):
    """Remember in the session where to go once WeChat answers; the ``state`` to send it."""
    nonce = secrets.token_hex(NONCE_LENGTH // 2)
    request.session[SESSION] = {"nonce": nonce, "at": time.time(), "after": after}
    return nonce + _signature(nonce)


def finish(request, state):
    """Where to go (what ``begin`` kept), or None: a state forged, too old, or not started in this browser."""
    pending = request.session.pop(SESSION, None)
    if not pending or not isinstance(state, str) or len(state) != NONCE_LENGTH + 32:
        return None
    nonce, signature = state[:NONCE_LENGTH], state[NONCE_LENGTH:]
    if not constant_time_compare(signature, _signature(nonce)) or not constant_time_compare(nonce, pending["nonce"]):
        return None
    if time.time() - pending["at"] > STATE_SECONDS:
        return None
    return pending["after"]


def authorize_url(channel, redirect_uri, state):
    """WeChat's authorisation page (its parameters in the documented order)."""
    app_id, _ = credentials(channel)
    query = urlencode(
        {"appid": app_id, "redirect_uri": redirect_uri, "response_type": "code", "scope": "snsapi_base", "state": state}
    )
    return f"{settings.WECHAT_OAUTH_AUTHORIZE_URL}?{query}#wechat_redirect"


def openid_for(channel, code, request):
    """The openid behind ``code`` (the demo account: this browser's demo openid)."""
    if is_demo(channel):
        request.session.setdefault(DEMO_SESSION, "demo-" + secrets.token_hex(12))
        return request.session[DEMO_SESSION]
    return client_for(channel).oauth_openid(code)


def subscriber_for(channel, openid):
    """The subscriber of this openid (made, confirmed, on first visit); reachable again now that they came back."""
    now = timezone.now()
    defaults = {"confirmed_at": now, "changed_at": now, "is_demo": openid.startswith("demo-") and is_demo(channel)}
    try:
        with transaction.atomic():
            subscriber, _ = Subscriber.objects.get_or_create(wechat=channel, openid=openid, defaults=defaults)
    except IntegrityError:  # the same resident twice at once
        subscriber = Subscriber.objects.get(wechat=channel, openid=openid)
    if subscriber.unreachable_at is not None:
        Subscriber.objects.filter(pk=subscriber.pk).update(unreachable_at=None, changed_at=now)
        subscriber.unreachable_at = None
    return subscriber


# --- sending ------------------------------------------------------------------------------------------


def _thing(text):
    return text if len(text) <= THING_LENGTH else text[: THING_LENGTH - 1] + "…"


def template_data(message):
    """The template's keys: title, publishing unit, time."""
    values = [
        _thing(message.subject),
        _thing(message.source or settings.WAGTAIL_SITE_NAME),
        timezone.localtime(message.created_at).strftime("%Y-%m-%d %H:%M"),
    ]
    keys = settings.WECHAT_SUBSCRIPTION_TEMPLATE_KEYS
    return {key: {"value": value} for key, value in zip(keys, values, strict=False)}


def link(message, subscriber):
    """Where the message opens: the page (or digest page); 订阅成功 opens the manage page."""
    if message.purpose == Message.Purpose.WELCOME or not message.url:
        return tokens.manage_url(subscriber)
    return message.url


def send(deliveries, failed):
    """Send each claimed delivery as a template message; ``failed(delivery, error, final)`` logs a failure.
    Returns the ids of those WeChat accepted."""
    sent, clients = [], {}
    for delivery in deliveries:
        subscriber = delivery.subscriber
        try:
            if subscriber.wechat_id not in clients:
                channel = subscriber.wechat
                clients[subscriber.wechat_id] = None if is_demo(channel) else client_for(channel)
            client = clients[subscriber.wechat_id]
            if client is None or subscriber.is_demo:
                failed(delivery, DEMO_NOTE, final=True)
                continue
            client.send_template(
                subscriber.openid,
                settings.WECHAT_SUBSCRIPTION_TEMPLATE_ID,
                link(delivery.message, subscriber),
                template_data(delivery.message),
                client_msg_id=f"townsquare-subscription-{delivery.pk}",
            )
        except WechatError as error:
            final = error.errcode in FINAL_ERRORS
            if final:
                Subscriber.objects.filter(pk=subscriber.pk).update(unreachable_at=timezone.now())
            failed(delivery, error.message, final=final)
        except Exception as error:  # no connection, a timeout: tried again later
            failed(delivery, error_message(error), final=False)
        else:
            sent.append(delivery.pk)
    return sent
