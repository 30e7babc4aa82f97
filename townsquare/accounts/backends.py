"""Django's model backend, refusing a locked user name or address before checking its password."""

from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import PermissionDenied

from .lockout import address_of, locked_seconds


class LockoutModelBackend(ModelBackend):
    """While locked even the right password does not help (one backend, so ``login()`` needs no argument)."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if username and locked_seconds(username, address_of(request)):
            raise PermissionDenied  # Django stops here and reports a failed log-in
        return super().authenticate(request, username=username, password=password, **kwargs)
