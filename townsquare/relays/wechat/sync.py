"""同步到公众号: a published page with the box ticked goes to its unit's 公众号 — upload, draft, submit, poll.

``queue_page`` (on ``page_published``) records a ``WechatPublication`` for the live revision and enqueues
``run`` — or, when an older revision of the page is still waiting (排队), moves that one to the new
revision, so a page republished before its sync ran goes out once, with its newest content; ``run``
uploads the pictures, adds the draft and submits it; ``poll`` asks ``freepublish/get`` until WeChat says
published (the article's link is kept, the channel's 最近更新 set to today) or failed.
A failed attempt is tried again RELAY_RETRY_BASE_SECONDS × 2^(n-1) later, up to RELAY_MAX_ATTEMPTS times,
then stays 失败 with WeChat's reason in Chinese until someone presses 重试.
"""

import datetime
import logging

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from townsquare.channels.models import Channel
from townsquare.units.models import Unit

from ..models import WechatAccount, WechatPublication
from .client import PUBLISH_FAILURES, WechatClient, WechatError, error_message
from .convert import Converter

logger = logging.getLogger(__name__)
Status = WechatPublication.Status
STUCK_AFTER = datetime.timedelta(minutes=15)


# --- which account --------------------------------------------------------------------------------


def credentials(channel):
    """(AppID, AppSecret) of the channel: its own from the admin, else the settings' for the county's account."""
    account = WechatAccount.objects.filter(channel=channel).first()
    if account is not None and account.app_id and account.has_secret:
        return account.app_id, account.secret
    if channel.unit.kind == Unit.Kind.COUNTY and settings.WECHAT_APP_ID and settings.WECHAT_APP_SECRET:
        return settings.WECHAT_APP_ID, settings.WECHAT_APP_SECRET
    return None


def is_connected(channel):
    return channel.kind == Channel.Kind.WECHAT and credentials(channel) is not None


def is_demo(channel):
    return WechatAccount.objects.filter(channel=channel, is_demo=True).exists()


def client_for(channel):
    found = credentials(channel)
    if found is None:
        raise WechatError(41002, "这个公众号还没有接入（未设置 AppID 和 AppSecret）")
    return WechatClient(*found)


def channel_for(unit):
    """The 公众号 a page of ``unit`` goes to: the unit's connected one, else the county's."""
    wechat = Channel.objects.filter(kind=Channel.Kind.WECHAT, status=Channel.Status.ACTIVE).select_related("unit")
    candidates = list(wechat.filter(unit=unit).order_by("pk")) if unit is not None else []
    candidates += list(wechat.filter(unit__kind=Unit.Kind.COUNTY).order_by("pk"))
    return next((channel for channel in candidates if is_connected(channel)), None)


# --- queueing --------------------------------------------------------------------------------------


def queue_page(page, revision):
    """Record the sync of this live revision (once) and start it after the transaction commits."""
    if not getattr(page, "sync_to_wechat", False) or not page.live:
        return None
    channel = channel_for(page.unit or page.nearest_unit())
    if channel is None:
        logger.info("page %s asks for 公众号 sync but its unit has no connected account", page.pk)
        return None
    waiting = _waiting(page, revision, channel)
    if waiting is not None:
        start(waiting)
        return waiting
    publication, created = WechatPublication.objects.get_or_create(
        page_id=page.pk, revision=revision, channel=channel, defaults={"title": page.title}
    )
    if created:
        start(publication)
    return publication


def _waiting(page, revision, channel):
    """An older revision's sync of this page that has not started (排队): it takes the new revision, so the
    newest live content goes out once, not once per revision. Its draft, if an attempt made one before
    failing, held the old text: a new one is made. None when nothing of this page is waiting."""
    queued = WechatPublication.objects.filter(page_id=page.pk, channel=channel, status=Status.QUEUED)
    for waiting in queued.exclude(revision=revision).order_by("-pk"):
        taken = queued.filter(pk=waiting.pk, attempts=waiting.attempts).update(
            revision=revision,
            title=page.title,
            media_id="",
            attempts=0,
            next_attempt_at=None,
            last_error="",
            updated_at=timezone.now(),
        )
        if taken:  # compare-and-set: not claimed by a worker meanwhile
            waiting.refresh_from_db()
            return waiting
    return None


def start(publication):
    from ..tasks import sync_publication

    transaction.on_commit(lambda: sync_publication.enqueue(publication.pk))


def retry(publication):
    """重试: a failed publication starts again with a fresh count of attempts."""
    publication.status, publication.attempts, publication.next_attempt_at = Status.QUEUED, 0, None
    publication.updated_at = timezone.now()
    publication.save(update_fields=["status", "attempts", "next_attempt_at", "updated_at"])
    start(publication)


# --- the work --------------------------------------------------------------------------------------


def _save(publication, **changes):
    for name, value in changes.items():
        setattr(publication, name, value)
    publication.updated_at = timezone.now()
    publication.save()


def backoff(attempts):
    return datetime.timedelta(seconds=settings.RELAY_RETRY_BASE_SECONDS * 2 ** max(attempts - 1, 0))


def _failed(publication, message, now, final=False):
    if final or publication.attempts >= settings.RELAY_MAX_ATTEMPTS:
        _save(publication, status=Status.FAILED, last_error=message[:500], next_attempt_at=None)
    else:
        _save(
            publication,
            status=Status.QUEUED,
            last_error=message[:500],
            next_attempt_at=now + backoff(publication.attempts),
        )


def run(publication, now=None):
    """One attempt: upload, draft (once: a draft made before is reused), submit."""
    now = now or timezone.now()
    if publication.status not in (Status.QUEUED, Status.UPLOADING):
        return publication
    page = publication.page.specific
    if not page.live:
        _failed(publication, "页面已撤下，不再同步。", now, final=True)
        return publication
    # Claim the attempt (compare-and-set): a task and the periodic job never work on it at the same time.
    claimed = WechatPublication.objects.filter(
        pk=publication.pk, status=publication.status, attempts=publication.attempts
    ).update(status=Status.UPLOADING, attempts=publication.attempts + 1, next_attempt_at=None, updated_at=now)
    if not claimed:
        return publication
    publication.status, publication.attempts, publication.next_attempt_at = (
        Status.UPLOADING,
        publication.attempts + 1,
        None,
    )
    if is_demo(publication.channel):
        _failed(publication, "演示账号，不连接真实公众号。", now, final=True)
        return publication
    try:
        client = client_for(publication.channel)
        if not publication.media_id:
            article = Converter(page, client).article(author=_author(page))
            _save(publication, media_id=client.add_draft([article.as_payload()]))
        publish_id = client.submit(publication.media_id)
    except Exception as error:  # any failure is recorded and retried, never lost
        logger.warning("公众号 sync of page %s failed: %s", page.pk, error)
        _failed(publication, error_message(error), now)
        return publication
    poll_after = now + datetime.timedelta(minutes=settings.WECHAT_POLL_MINUTES)
    _save(publication, status=Status.SUBMITTED, publish_id=publish_id, last_error="", next_attempt_at=poll_after)
    return publication


def poll(publication, now=None):
    """Ask WeChat how a submitted publication went."""
    now = now or timezone.now()
    try:
        data = client_for(publication.channel).publish_status(publication.publish_id)
    except Exception as error:  # a failed question is asked again at the next poll
        _save(publication, last_error=error_message(error), next_attempt_at=now + backoff(1))
        return publication
    status = int(data.get("publish_status", 1))
    if status == 0:
        items = (data.get("article_detail") or {}).get("item") or [{}]
        _save(
            publication,
            status=Status.PUBLISHED,
            article_url=items[0].get("article_url", ""),
            published_at=now,
            last_error="",
            next_attempt_at=None,
        )
        Channel.objects.filter(pk=publication.channel_id).update(last_update_on=timezone.localdate(now))
    elif status in PUBLISH_FAILURES:
        _save(
            publication,
            status=Status.FAILED,
            last_error=f"微信发布失败：{PUBLISH_FAILURES[status]}",
            next_attempt_at=None,
        )
    else:
        _save(publication, next_attempt_at=now + datetime.timedelta(minutes=settings.WECHAT_POLL_MINUTES))
    return publication


def due(now=None):
    """Retries and polls whose time has come (the periodic job's work)."""
    now = now or timezone.now()
    ready = WechatPublication.objects.filter(next_attempt_at__lte=now).select_related("channel", "page")
    for publication in ready.filter(status=Status.QUEUED):
        run(publication, now)
    for publication in ready.filter(status=Status.SUBMITTED):
        poll(publication, now)
    # An attempt whose worker died half-way (still 上传中 long after) is counted as failed and tried again.
    stuck = WechatPublication.objects.filter(status=Status.UPLOADING, updated_at__lt=now - STUCK_AFTER)
    for publication in stuck.select_related("channel", "page"):
        _failed(publication, "上次同步中断，已重新排队。", now)


def _author(page):
    unit = page.unit or page.nearest_unit()
    return unit.name if unit is not None else ""


def test_connection(channel):
    """测试连接: fetch a token; (ok, message) in Chinese, also kept on the account."""
    try:
        client_for(channel).token()
    except Exception as error:  # shown to the member of staff who pressed the button
        ok, message = False, error_message(error)
    else:
        ok, message = True, "连接成功：已取得访问令牌。"
    WechatAccount.objects.filter(channel=channel).update(checked_at=timezone.now(), check_ok=ok, check_message=message)
    return ok, message
