"""The 2FA pages under the Wagtail admin (/admin/2fa/...), which signs the user in first."""

from django.urls import path, reverse
from wagtail import hooks

from . import views


@hooks.register("register_admin_urls")
def register_2fa_urls():
    return [
        path("2fa/enrol/", views.enrol, name="accounts_2fa_enrol"),
        path("2fa/verify/", views.verify, name="accounts_2fa_verify"),
    ]


@hooks.register("register_account_menu_item")
def two_factor_account_item(request):
    return {
        "url": reverse("accounts_2fa_enrol"),
        "label": "设置两步验证",
        "help_text": "用手机身份验证器生成的验证码保护您的账号。",
    }
