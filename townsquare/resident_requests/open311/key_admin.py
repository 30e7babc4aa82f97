"""接口密钥 in the admin: revoke a key (leaked from an app) and rotate it (a new key, shown once).

Both ask first (GET) and act on POST; only who may change keys (the county) may do either.
"""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.widgets import ListingButton

from ..models import ApiKey

LIST_URL = "wagtailsnippets_resident_requests_apikey:list"


class KeyActionView(PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView):
    """Confirm, then revoke or rotate one key."""

    permission_policy = None  # given by the viewset
    permission_required = "change"
    template_name = "resident_requests/admin/api_key_action.html"
    header_icon = "key"
    action = "revoke"
    TEXTS = {
        "revoke": ("撤销接口密钥", "撤销后，使用这个密钥的应用将不能再提交留言，且不能恢复。确定撤销吗？", "撤销"),
        "rotate": (
            "更换接口密钥",
            "将签发一个新密钥，旧密钥立即撤销。请准备好把新密钥交给使用方。确定更换吗？",
            "更换密钥",
        ),
    }

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.object = get_object_or_404(ApiKey, pk=kwargs["pk"])

    def get_page_title(self):
        return self.TEXTS[self.action][0]

    def get_page_subtitle(self):
        return self.object.name

    def get_context_data(self, **kwargs):
        title, question, button = self.TEXTS[self.action]
        return super().get_context_data(
            object=self.object, question=question, button=button, list_url=reverse(LIST_URL), **kwargs
        )

    def post(self, request, *args, **kwargs):
        if self.object.revoked_at is not None:
            messages.error(request, f"“{self.object.name}”的这个密钥已经撤销过了。")
            return redirect(LIST_URL)
        if self.action == "revoke":
            self.object.revoke()
            messages.success(request, f"已撤销“{self.object.name}”的接口密钥。")
            return redirect(LIST_URL)
        new_key = self.object.rotate()
        # Shown on this page only, never stored in a message: it must not be seen again.
        return self.render_to_response(self.get_context_data(new_key=new_key))


def listing_buttons(api_key, user, policy):
    """撤销 and 更换密钥 in a key's row, for who may change keys, while the key is not revoked."""
    if api_key.revoked_at is not None or not policy.user_has_permission(user, "change"):
        return []
    return [
        ListingButton(label, reverse(f"wagtailsnippets_resident_requests_apikey:{name}", args=[api_key.pk]), priority=p)
        for name, label, p in (("rotate", "更换密钥", 20), ("revoke", "撤销", 30))
    ]
