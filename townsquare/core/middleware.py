"""Security headers on every response: a Content-Security-Policy and a Permissions-Policy.

Public pages allow scripts from our own origin and inline scripts that carry this response's nonce
(``nonce="{{ request.csp_nonce }}"`` in a template); nothing else runs. The Wagtail admin (and
the page previews it frames) relies on inline scripts of its own, so admin paths get a relaxed policy.
"""

import secrets

from django.conf import settings
from django.core.exceptions import BadRequest
from django.core.handlers.exception import response_for_exception
from django.utils.datastructures import MultiValueDictKeyError

# Inline styles stay allowed: the error pages and the admin use them; scripts are what matters.
PUBLIC_POLICY = (
    "default-src 'self'; script-src 'self' 'nonce-{nonce}'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:{images}; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'"
)
ADMIN_POLICY = (
    "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'"
)
# 我要留言 may fill in the place from the browser's location; nothing asks for camera or microphone.
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(self), payment=(), usb=(), interest-cohort=()"


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.csp_nonce = secrets.token_urlsafe(16)
        response = self.get_response(request)
        admin = any(request.path_info.startswith(prefix) for prefix in settings.CSP_RELAXED_PATHS)
        images = "".join(f" {source}" for source in settings.CSP_IMG_SOURCES)  # map tiles (REQUEST_MAP_TILE_URL)
        policy = ADMIN_POLICY if admin else PUBLIC_POLICY.format(nonce=request.csp_nonce, images=images)
        response.headers.setdefault("Content-Security-Policy", policy)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


class IncompleteFormMiddleware:
    """A form posted without a field its handler reads (a management count, say) is a 400, not a 500.

    Browsers always send those fields; only a tampered or cut-off request lacks them.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, MultiValueDictKeyError):
            return response_for_exception(request, BadRequest(f"表单缺少 {exception}"))
        return None
