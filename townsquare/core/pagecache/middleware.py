"""Anonymous visitors' pages from the shared cache, with ETag and 304, valid while their tags are.

A page is cached for visitors without a session, keyed by host, full path and 长辈版 (the HTML differs
by the ``elder`` cookie). It is not cached when it is for this visitor alone: it sets a cookie (a
form's CSRF token, a session), carries this response's CSP nonce, varies on another header, or is
not a plain 200. Each entry lives ``PAGE_CACHE_SECONDS`` at most, never past local midnight nor past
the moment something it shows expires, and is dropped at once when a tag it read is invalidated.

Responses say ``Cache-Control: public, no-cache`` (browsers revalidate with the ETag) and
``X-Accel-Expires`` for nginx in front, which keeps them ``PAGE_CACHE_PROXY_SECONDS``.
"""

import hashlib
import logging

from django.conf import settings
from django.http import HttpResponse, HttpResponseNotModified
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.http import http_date

from . import reads
from .sql import building
from .tags import still_current, tag_cache
from .values import next_midnight, seconds_left

logger = logging.getLogger(__name__)

PAGE_PREFIX = "page:"
# Headers a cached response may vary on: the key covers the 长辈版 cookie, the language is fixed.
HARMLESS_VARY = {"accept-language", "cookie", "accept-encoding"}
SKIPPED_HEADERS = {"set-cookie", "content-length", "content-security-policy", "permissions-policy"}


def page_key(request, elder):
    digest = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:32]
    return f"{PAGE_PREFIX}{request.get_host()}:{int(elder)}:{digest}"


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self.serves_from_cache(request):
            if not self.reads_ahead(request):
                return self.get_response(request)
            # Built for this visitor (a cookie): the fragments and values it needs are read in one go.
            with reads.request_reads(page_key(request, self.elder(request))):
                reads.building()
                return self.get_response(request)
        key = page_key(request, self.elder(request))
        with reads.request_reads(key):
            try:
                entry = reads.get(key)
                if entry is not None and entry["until"] > timezone.now() and still_current(entry["versions"]):
                    return self.replay(request, entry)
            except Exception:
                logger.warning("page cache unavailable: %s built without it", request.path, exc_info=True)
                return self.get_response(request)
            reads.building()
            with building() as record:
                response = self.get_response(request)
            if self.may_keep(request, response, record):
                return self.keep(request, response, record, key)
            return response

    @staticmethod
    def elder(request):
        return request.COOKIES.get(settings.ELDER_MODE_COOKIE) == "1"

    @staticmethod
    def reads_ahead(request):
        """A page built for a visitor of its own, which reads kept fragments and values: GET or HEAD of a page."""
        if not settings.PAGE_CACHE_SECONDS or request.method not in ("GET", "HEAD"):
            return False
        return not any(request.path_info.startswith(prefix) for prefix in settings.PAGE_CACHE_EXCLUDED_PATHS)

    @classmethod
    def serves_from_cache(cls, request):
        if not cls.reads_ahead(request):
            return False
        # A session, a pending message or any other cookie of ours may change the page.
        allowed = {settings.CSRF_COOKIE_NAME, settings.ELDER_MODE_COOKIE}
        if any(name not in allowed for name in request.COOKIES):
            return False
        return "HTTP_AUTHORIZATION" not in request.META and "HTTP_X_REQUESTED_WITH" not in request.META

    @staticmethod
    def may_keep(request, response, record):
        if record.uncacheable or response.status_code != 200 or response.streaming or response.cookies:
            return False
        if response.has_header("Cache-Control") or response.has_header("ETag"):
            return False  # the view decided (never_cache, a download's own validators)
        vary = {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}
        if not vary <= HARMLESS_VARY:
            return False
        nonce = getattr(request, "csp_nonce", "")
        return not (nonce and nonce.encode() in response.content)

    def keep(self, request, response, record, key):
        now = timezone.now()
        until = min(
            now + timezone.timedelta(seconds=settings.PAGE_CACHE_SECONDS),
            next_midnight(now),
            record.until or next_midnight(now),
        )
        digest = hashlib.md5(response.content, usedforsecurity=False).hexdigest()
        etag = f'"{digest}"'
        self.mark_public(response, etag, now)
        entry = {
            "status": response.status_code,
            "headers": [(k, v) for k, v in response.items() if k.lower() not in SKIPPED_HEADERS],
            "content": response.content,
            "versions": record.versions,
            "until": until,
        }
        seconds = seconds_left(until, settings.PAGE_CACHE_SECONDS, now)
        if seconds:
            try:
                tag_cache().set(key, entry, seconds)
            except Exception:
                logger.warning("page cache unavailable: %s not kept", request.path, exc_info=True)
        if etag in request.headers.get("If-None-Match", ""):
            return self.not_modified(response)
        return response

    @staticmethod
    def mark_public(response, etag, built_at):
        response["ETag"] = etag
        response["Last-Modified"] = http_date(built_at.timestamp())
        response["Cache-Control"] = "public, no-cache"
        response["X-Accel-Expires"] = str(settings.PAGE_CACHE_PROXY_SECONDS)
        patch_vary_headers(response, ("Cookie",))

    def replay(self, request, entry):
        response = HttpResponse(entry["content"], status=entry["status"])
        for name, value in entry["headers"]:
            response[name] = value
        response["X-Page-Cache"] = "hit"
        if response["ETag"] in request.headers.get("If-None-Match", ""):
            return self.not_modified(response)
        return response

    @staticmethod
    def not_modified(response):
        short = HttpResponseNotModified()
        for name in ("ETag", "Last-Modified", "Cache-Control", "Vary", "X-Accel-Expires", "X-Page-Cache"):
            if response.has_header(name):
                short[name] = response[name]
        return short
