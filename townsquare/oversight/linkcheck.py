"""A bounded link checker for published pages (页面链接可用性).

``collect_links()`` reads the rich text of every live publication and its 来源链接, and keeps one
LinkCheckResult per distinct link with the pages it appears in. ``run_link_check()`` then checks
the links that are due: links inside the site directly (the page tree, Django's URL resolver,
media and static files: no HTTP), links to other sites with a HEAD request (GET when HEAD is
refused) and a short timeout. Each run checks at most OVERSIGHT_LINK_MAX_PER_RUN links, at most
OVERSIGHT_LINK_MAX_PER_HOST on one host, waiting OVERSIGHT_LINK_HOST_DELAY_SECONDS between two
requests to the same host, so no site is ever hammered. OK links are due again after
OVERSIGHT_LINK_RECHECK_DAYS, bad ones after OVERSIGHT_LINK_BROKEN_RECHECK_DAYS.
"""

import json
import logging
import re
import time
from collections import OrderedDict, defaultdict
from datetime import timedelta
from html import unescape
from urllib.parse import urlsplit

import requests
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.files.storage import default_storage
from django.db.models import Q
from django.urls import Resolver404, resolve
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Page, Site

from townsquare.publishing.models import ARTICLE_MODELS

from .models import LinkCheckResult, url_key

logger = logging.getLogger(__name__)

ANCHOR = re.compile(r"<a\b([^>]*)>", re.IGNORECASE)
ATTR = re.compile(r"([a-zA-Z-]+)=\"([^\"]*)\"")
USER_AGENT = "Townsquare-LinkCheck/1.0 (+government website link check)"


# --- Finding links --------------------------------------------------------------------------------


def links_in_html(html):
    """Links in a rich-text fragment: ``page:<id>``, ``document:<id>`` or the href as written."""
    found = []
    for attrs in ANCHOR.findall(html or ""):
        values = dict(ATTR.findall(attrs))
        linktype = values.get("linktype")
        if linktype in ("page", "document") and values.get("id"):
            found.append(f"{linktype}:{values['id']}")
        elif values.get("href"):
            href = unescape(values["href"]).strip()
            if href and not href.startswith(("#", "mailto:", "tel:", "javascript:", "sms:")):
                found.append(href)
    return found


def links_in_body(body):
    raw = getattr(body, "raw_data", body)
    if isinstance(raw, str):
        try:
            raw = json.loads(raw)
        except ValueError:
            return links_in_html(raw)
    found = []

    def walk(value):
        if isinstance(value, str):
            if "<a" in value:
                found.extend(links_in_html(value))
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, (list, tuple)):
            for item in value:
                walk(item)

    walk(list(raw or []))
    return found


def own_hosts():
    """Host names (any port: ALLOWED_HOSTS) and host:port pairs (the admin base URL, the sites) of this site."""
    names = {h.lower() for h in settings.ALLOWED_HOSTS if h and not h.startswith(".") and h != "*"}
    netlocs = {urlsplit(settings.WAGTAILADMIN_BASE_URL).netloc.lower()}
    for hostname, port in Site.objects.values_list("hostname", "port"):
        netlocs.add(hostname.lower() if port in (80, 443) else f"{hostname.lower()}:{port}")
    return names, {n for n in netlocs if n}


def classify(url, hosts):
    """(kind, host) of a link; relative links and links to the site's own hosts are internal."""
    if url.startswith(("page:", "document:")):
        return LinkCheckResult.Kind.INTERNAL, ""
    parts = urlsplit(url)
    if not parts.scheme and not parts.netloc:
        return LinkCheckResult.Kind.INTERNAL, ""
    if parts.scheme not in ("http", "https"):
        return None, ""
    names, netlocs = hosts
    host = (parts.hostname or "").lower()
    if host in names or parts.netloc.lower() in netlocs:
        return LinkCheckResult.Kind.INTERNAL, host
    return LinkCheckResult.Kind.EXTERNAL, host


def collect_links():
    """Bring LinkCheckResult rows in line with the links in live publications; returns how many links."""
    pages_by_url = OrderedDict()
    for model in ARTICLE_MODELS:
        for pk, body, source_url in model.objects.live().values_list("pk", "body", "source_url"):
            urls = links_in_body(body) + ([source_url] if source_url else [])
            for url in urls:
                pages_by_url.setdefault(url[:2000], set()).add(pk)
    hosts = own_hosts()
    existing = LinkCheckResult.objects.in_bulk([url_key(url) for url in pages_by_url], field_name="key")
    new = []
    for url in pages_by_url:
        kind, host = classify(url, hosts)
        if kind is None:
            continue
        if url_key(url) not in existing:
            new.append(LinkCheckResult(key=url_key(url), url=url, kind=kind, host=host))
    LinkCheckResult.objects.bulk_create(new, ignore_conflicts=True)
    results = LinkCheckResult.objects.in_bulk([url_key(url) for url in pages_by_url], field_name="key")
    Through = LinkCheckResult.pages.through
    Through.objects.all().delete()
    Through.objects.bulk_create(
        Through(linkcheckresult_id=results[url_key(url)].pk, page_id=page_id)
        for url, page_ids in pages_by_url.items()
        if url_key(url) in results
        for page_id in page_ids
    )
    LinkCheckResult.objects.exclude(key__in=list(results)).delete()
    return len(results)


# --- Checking one link -----------------------------------------------------------------------------


def check_internal(url):
    """(status, detail) of a link inside the site, without any HTTP request."""
    Status = LinkCheckResult.Status
    if url.startswith("page:"):
        ok = Page.objects.filter(pk=_int(url[5:]), live=True).exists()
        return (Status.OK, "") if ok else (Status.BROKEN, "链接的页面已删除或已下线")
    if url.startswith("document:"):
        ok = get_document_model().objects.filter(pk=_int(url[9:])).exists()
        return (Status.OK, "") if ok else (Status.BROKEN, "链接的文件已删除")
    path = urlsplit(url).path or "/"
    if not path.startswith("/"):
        return Status.OK, ""  # relative to the page itself: left alone
    media, static = settings.MEDIA_URL, settings.STATIC_URL
    if path.startswith(media):
        ok = default_storage.exists(path[len(media) :])
        return (Status.OK, "") if ok else (Status.BROKEN, "文件不存在")
    if path.startswith(static):
        ok = finders.find(path[len(static) :]) is not None
        return (Status.OK, "") if ok else (Status.BROKEN, "文件不存在")
    try:
        match = resolve(path)
    except Resolver404:
        return Status.BROKEN, "站内没有这个网址"
    if match.url_name != "wagtail_serve":
        return Status.OK, ""
    return (Status.OK, "") if _page_at(path) else (Status.BROKEN, "站内没有这个页面")


def _int(value):
    try:
        return int(value)
    except ValueError:
        return 0


def _page_at(path):
    """Whether a live page serves ``path`` (itself, or a routable page above it)."""
    from wagtail.contrib.routable_page.models import RoutablePageMixin

    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is None:
        return False
    segments = [s for s in path.strip("/").split("/") if s]
    root = site.root_page.url_path
    candidates = [root + "".join(f"{s}/" for s in segments[:n]) for n in range(len(segments), -1, -1)]
    pages = {p.url_path: p for p in Page.objects.live().filter(url_path__in=candidates).specific()}
    if candidates[0] in pages:
        return True
    for candidate in candidates[1:]:
        if candidate in pages:
            return isinstance(pages[candidate], RoutablePageMixin)
    return False


def check_external(url, session=None, timeout=None):
    """(status, code, detail) of a link to another site: HEAD, or GET when HEAD is not allowed."""
    Status = LinkCheckResult.Status
    session = session or requests
    timeout = timeout if timeout is not None else settings.OVERSIGHT_LINK_TIMEOUT_SECONDS
    headers = {"User-Agent": USER_AGENT}
    try:
        response = session.head(url, timeout=timeout, allow_redirects=True, headers=headers)
        if response.status_code in (403, 405, 501):
            response = session.get(url, timeout=timeout, allow_redirects=True, headers=headers, stream=True)
            response.close()
    except requests.Timeout:
        return Status.TIMEOUT, None, f"{timeout:g}秒内没有响应"
    except requests.RequestException as error:
        return Status.ERROR, None, f"连接失败：{type(error).__name__}"
    if response.status_code >= 400:
        return Status.BROKEN, response.status_code, f"HTTP {response.status_code}"
    return Status.OK, response.status_code, ""


# --- A run ------------------------------------------------------------------------------------------


def due_links(now):
    return LinkCheckResult.objects.filter(Q(next_check_at__isnull=True) | Q(next_check_at__lte=now)).order_by(
        "next_check_at", "pk"
    )


def plan(results, max_total, max_per_host):
    """Which due links to check now: internal ones first, then hosts taken in turn, each within its limit."""
    internal = [r for r in results if r.kind == LinkCheckResult.Kind.INTERNAL]
    by_host = defaultdict(list)
    for result in results:
        if result.kind == LinkCheckResult.Kind.EXTERNAL and len(by_host[result.host]) < max_per_host:
            by_host[result.host].append(result)
    external, queues = [], [list(q) for q in by_host.values()]
    while any(queues):
        for queue in queues:
            if queue:
                external.append(queue.pop(0))
    return (internal + external)[:max_total]


def run_link_check(now=None, collect=True, sleep=time.sleep, clock=time.monotonic):
    """Collect links, then check those due within the limits; returns a short Chinese summary."""
    now = now or timezone.now()
    if collect:
        collect_links()
    chosen = plan(
        list(due_links(now)),
        settings.OVERSIGHT_LINK_MAX_PER_RUN,
        settings.OVERSIGHT_LINK_MAX_PER_HOST,
    )
    delay = settings.OVERSIGHT_LINK_HOST_DELAY_SECONDS
    last_request = {}
    counts = defaultdict(int)
    with requests.Session() as session:
        for result in chosen:
            if result.kind == LinkCheckResult.Kind.INTERNAL:
                status, detail = check_internal(result.url)
                code = None
            else:
                waited = clock() - last_request.get(result.host, float("-inf"))
                if waited < delay:
                    sleep(delay - waited)
                status, code, detail = check_external(result.url, session)
                last_request[result.host] = clock()
            record(result, status, code, detail, now)
            counts[status] += 1
    bad = sum(counts[s] for s in LinkCheckResult.BAD)
    return f"检查 {len(chosen)} 个链接，{bad} 个打不开"


def record(result, status, code, detail, now):
    ok = status == LinkCheckResult.Status.OK
    result.status = status
    result.status_code = code
    result.detail = detail[:300]
    result.checked_at = now
    result.failures = 0 if ok else result.failures + 1
    days = settings.OVERSIGHT_LINK_RECHECK_DAYS if ok else settings.OVERSIGHT_LINK_BROKEN_RECHECK_DAYS
    result.next_check_at = now + timedelta(days=days)
    result.save(update_fields=["status", "status_code", "detail", "checked_at", "failures", "next_check_at"])
