"""Sends a signed-in user who still owes a TOTP code (or a device) to that step; see ``twofactor``."""

from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse

from .twofactor import ENROL, PENDING

# Views a half-signed-in user may still reach: signing in and out, the 2FA steps, admin translations.
OPEN_VIEWS = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_javascript_catalog",
    "accounts_2fa_enrol",
    "accounts_2fa_verify",
    "admin:login",
    "admin:logout",
}


class TwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        step = session.get(PENDING) if session is not None else None
        if step and request.user.is_authenticated and not self._open(request):
            target = reverse("accounts_2fa_enrol" if step == ENROL else "accounts_2fa_verify")
            return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)

    @staticmethod
    def _open(request):
        try:
            return resolve(request.path_info).view_name in OPEN_VIEWS
        except Resolver404:
            return False
