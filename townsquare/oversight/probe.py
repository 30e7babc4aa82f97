"""The availability probe (站点无法访问): opens the public pages over HTTP, as the inspectors' tools do.

It runs in the scheduler process (``jobs.oversight_availability``), never inside the web process,
so a stuck or stopped web server is seen the way residents see it. One run is one check: each page
of AVAILABILITY_PROBE_PATHS is requested in turn from AVAILABILITY_PROBE_URL. A page fails when it
is not completely loaded within AVAILABILITY_TIMEOUT_SECONDS, cannot be reached at all within that
time (a refused connection is tried again each second until then, so a web server starting beside
the scheduler is not an outage), or answers with a status of 500 or more; one failed page fails the
check. Every page's result is kept as an ``AvailabilityCheck``.

Failed checks one after another are one ``Outage``: the supervisors get one e-mail when it starts and
one when the site opens again (``track_outage``). ``prune()`` drops checks older than
AVAILABILITY_RETENTION_DAYS.
"""

import logging
import time
from dataclasses import dataclass
from datetime import timedelta

import requests
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from townsquare.publishing.models import UnitHomePage
from townsquare.units.models import Unit

from .availability import threshold_percent
from .checks import supervisor_emails
from .models import AvailabilityCheck, Outage

logger = logging.getLogger(__name__)

USER_AGENT = "Townsquare-Availability/1.0 (+government website availability check)"
TOWN_HOME = "{town}"
RETRY_PAUSE_SECONDS = 1.0
CHUNK_BYTES = 64 * 1024


class TooSlow(Exception):
    pass


@dataclass
class PageResult:
    url: str
    ok: bool
    status_code: int | None = None
    seconds: float | None = None
    error: str = ""


# --- Which pages ---------------------------------------------------------------------------------


def first_town_path():
    """The site-relative address of the first town's home page, or None when there is none."""
    home = (
        UnitHomePage.objects.live()
        .filter(unit__kind=Unit.Kind.TOWN)
        .order_by("unit__sort_order", "path")
        .only("pk", "path", "url_path")
        .first()
    )
    parts = home.get_url_parts() if home else None
    return parts[2] if parts else None


def probe_urls():
    """The full addresses the probe opens, in the order of AVAILABILITY_PROBE_PATHS, each once."""
    base = settings.AVAILABILITY_PROBE_URL.rstrip("/")
    urls = []
    for path in settings.AVAILABILITY_PROBE_PATHS:
        if path == TOWN_HOME:
            path = first_town_path()
            if path is None:
                continue
        urls.append(path if "://" in path else f"{base}/{path.lstrip('/')}")
    return list(dict.fromkeys(urls))


# --- Opening one page ----------------------------------------------------------------------------


def _connection_reason(error):
    text = str(error).lower()
    if "name or service not known" in text or "nodename nor servname" in text or "resolve" in text:
        return "连不上网站：找不到这个网址（域名解析失败）"
    if "refused" in text:
        return "连不上网站：服务器拒绝连接（网站程序可能没有运行）"
    if "ssl" in text or "certificate" in text:
        return "连不上网站：安全证书有问题"
    return "连不上网站：网络或服务器没有响应"


def open_page(url, timeout=None):
    """Request ``url`` and read the whole page, all within ``timeout`` seconds; a ``PageResult``."""
    timeout = settings.AVAILABILITY_TIMEOUT_SECONDS if timeout is None else timeout
    started = time.monotonic()
    deadline = started + timeout
    too_slow = f"超过{timeout:g}秒没有打开"
    while True:
        remaining = deadline - time.monotonic()
        try:
            with requests.get(url, timeout=remaining, stream=True, headers={"User-Agent": USER_AGENT}) as response:
                for _chunk in response.iter_content(CHUNK_BYTES):
                    if time.monotonic() > deadline:
                        raise TooSlow
                seconds = time.monotonic() - started
                if seconds > timeout:
                    raise TooSlow
                code = response.status_code
                if code >= 500:
                    return PageResult(url, False, code, seconds, f"网站出错（状态码 {code}）")
                return PageResult(url, True, code, seconds)
        except (TooSlow, requests.Timeout):
            return PageResult(url, False, None, time.monotonic() - started, too_slow)
        except requests.ConnectionError as error:
            # A read stalled mid-page also arrives here; past the deadline it is "too slow" whatever the cause.
            if time.monotonic() + RETRY_PAUSE_SECONDS >= deadline:
                elapsed = time.monotonic() - started
                reason = too_slow if elapsed >= timeout else _connection_reason(error)
                return PageResult(url, False, None, elapsed, reason)
            time.sleep(RETRY_PAUSE_SECONDS)
        except requests.RequestException as error:
            return PageResult(url, False, None, time.monotonic() - started, f"打不开：{type(error).__name__}")


# --- One check -----------------------------------------------------------------------------------


def run_check(now=None):
    """Open every page once, keep the results, follow the outage; returns the ``PageResult``s."""
    now = now or timezone.now()
    results = [open_page(url) for url in probe_urls()]
    AvailabilityCheck.objects.bulk_create(
        AvailabilityCheck(
            checked_at=now,
            url=result.url[:500],
            status_code=result.status_code,
            seconds=None if result.seconds is None else round(result.seconds, 3),
            ok=result.ok,
            error=result.error[:300],
        )
        for result in results
    )
    track_outage(now, results)
    return results


def describe(results):
    failed = [result for result in results if not result.ok]
    return "；".join(f"{result.url} {result.error}" for result in failed)[:500]


def track_outage(now, results):
    """Open an outage at the first failed check, close it at the next good one; then send what is due."""
    failed = any(not result.ok for result in results)
    with transaction.atomic():
        outage = Outage.objects.select_for_update().filter(ended_at__isnull=True).order_by("started_at").first()
        if failed and outage is None:
            outage = Outage.objects.create(started_at=now, detail=describe(results))
        elif failed:
            outage.failed_checks += 1
            outage.save(update_fields=["failed_checks"])
        elif outage is not None:
            outage.ended_at = now
            outage.save(update_fields=["ended_at"])
    announce()
    return outage


def announce():
    """One alert per open outage, one recovery message per closed one that was alerted; a mail that could not
    be sent is tried again at the next check."""
    due = Outage.objects.filter(
        Q(ended_at__isnull=True, alerted_at__isnull=True)
        | Q(ended_at__isnull=False, alerted_at__isnull=False, recovery_sent_at__isnull=True)
    ).order_by("started_at")
    for outage in due:
        field = "alerted_at" if outage.ended_at is None else "recovery_sent_at"
        if _send(outage, "start" if outage.ended_at is None else "recovery"):
            Outage.objects.filter(pk=outage.pk).update(**{field: timezone.now()})


def _send(outage, kind):
    to = supervisor_emails()
    if not to:
        logger.warning("availability: no supervisor has an e-mail address; outage %s not announced", outage.pk)
        return False
    context = {
        "outage": outage,
        "site": settings.AVAILABILITY_PROBE_URL,
        "timeout": settings.AVAILABILITY_TIMEOUT_SECONDS,
        "checks_per_day": settings.AVAILABILITY_CHECKS_PER_DAY,
        "window_days": settings.AVAILABILITY_WINDOW_DAYS,
        "threshold": threshold_percent(),
        "dashboard": settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse("oversight_dashboard"),
        "minutes": max(1, round(((outage.ended_at or outage.started_at) - outage.started_at).total_seconds() / 60)),
    }
    if kind == "start":
        subject = f"【网站打不开】{timezone.localtime(outage.started_at):%m月%d日 %H:%M} 起网站打不开，请马上处理"
    else:
        subject = f"【网站已恢复】{timezone.localtime(outage.ended_at):%m月%d日 %H:%M} 网站已能正常打开"
    body = render_to_string(f"oversight/availability_{kind}_email.txt", context)
    try:
        send_mail(subject, body, None, to)
    except Exception:  # the check is recorded all the same; the mail is tried again next time
        logger.exception("availability: the %s e-mail for outage %s was not sent", kind, outage.pk)
        return False
    return True


def prune(now=None):
    """Delete checks older than AVAILABILITY_RETENTION_DAYS (and outages ended before then); how many checks."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.AVAILABILITY_RETENTION_DAYS)
    Outage.objects.filter(ended_at__lt=cutoff).delete()
    deleted, _ = AvailabilityCheck.objects.filter(checked_at__lt=cutoff).delete()
    return deleted
