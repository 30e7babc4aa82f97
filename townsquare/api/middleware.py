"""ETag, 304 and Cache-Control for the open API's answers that the page cache did not handle.

Anonymous clients are answered by the page cache (``core.pagecache``), which sets the ETag and answers
``If-None-Match`` itself. A client it does not serve (one sending a cookie, or with the page cache off)
still gets an ETag from the body's hash and a 304 when it already holds that body: every API answer is
the same for everyone, so it is always ``public``.
"""

import hashlib

from django.utils.cache import get_conditional_response

API_PREFIX = "/api/v1/"


class ApiConditionalGetMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path_info.startswith(API_PREFIX) or request.method not in ("GET", "HEAD"):
            return response
        if response.status_code != 200 or response.streaming:
            return response
        if not response.has_header("ETag"):
            digest = hashlib.md5(response.content, usedforsecurity=False).hexdigest()
            response["ETag"] = f'"{digest}"'
        response.headers.setdefault("Cache-Control", "public, no-cache")
        return get_conditional_response(request, etag=response["ETag"], response=response)
