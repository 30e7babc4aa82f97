"""The two 2FA steps after the password: set up a device (enrol) and enter a code (verify)."""

from urllib.parse import urlencode

from django import forms
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django_otp import login as otp_login
from django_otp import match_token

from .twofactor import PENDING, VERIFY, clean_token, qr_svg, unconfirmed_device


class TokenForm(forms.Form):
    token = forms.CharField(label="验证码", max_length=12, error_messages={"required": "请输入验证码。"})


WRONG_TOKEN = "验证码不正确或已过期，请输入身份验证器中当前显示的 6 位数字。"


def _next(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return reverse("wagtailadmin_home")


def _done(request, device):
    otp_login(request, device)
    request.session.pop(PENDING, None)
    return redirect(_next(request))


def enrol(request):
    if request.session.get(PENDING) == VERIFY:
        # A new device must not stand in for the code of the one already set up.
        return redirect(f"{reverse('accounts_2fa_verify')}?{urlencode({'next': _next(request)})}")
    device = unconfirmed_device(request.user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(clean_token(form.cleaned_data["token"])):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            return _done(request, device)
        form.add_error("token", WRONG_TOKEN)
    context = {"form": form, "uri": device.config_url, "qr": qr_svg(device.config_url), "next": _next(request)}
    return TemplateResponse(request, "accounts/enrol.html", context)


def verify(request):
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, clean_token(form.cleaned_data["token"]))
        if device is not None and device.confirmed:
            return _done(request, device)
        form.add_error("token", WRONG_TOKEN)
    return TemplateResponse(request, "accounts/verify.html", {"form": form, "next": _next(request)})
