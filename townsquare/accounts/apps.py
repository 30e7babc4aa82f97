from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "townsquare.accounts"
    label = "accounts"
    verbose_name = "员工登录"

    def ready(self):
        from django.contrib import admin

        from . import lockout, twofactor  # noqa: F401  (connects the log-in signals)
        from .forms import DjangoAdminLoginForm

        # /django-admin/ refuses locked accounts with the same message as the Wagtail admin.
        admin.site.login_form = DjangoAdminLoginForm
