"""Log-in forms that say why a locked account is refused (Wagtail admin and /django-admin/)."""

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm

from .lockout import address_of, locked_seconds, record_failure, refusal_message


class LockoutMixin:
    def clean(self):
        username = self.data.get("username", "")
        address = address_of(self.request)
        seconds = locked_seconds(username, address)
        if seconds:
            record_failure(username, address)  # hammering while locked still counts for the address
            raise forms.ValidationError(refusal_message(seconds), code="locked")
        return super().clean()


class LoginForm(LockoutMixin, WagtailLoginForm):
    """Set as WAGTAILADMIN_USER_LOGIN_FORM."""


class DjangoAdminLoginForm(LockoutMixin, AdminAuthenticationForm):
    pass
