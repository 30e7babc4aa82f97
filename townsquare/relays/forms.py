"""The admin's forms: a 公众号's AppID and AppSecret (write-only), a webhook's address, secret and events."""

from django import forms

from .models import Webhook, WechatAccount

KEEP = "留空则保持不变。"


class ConnectForm(forms.Form):
    action = "connect"
    button = "保存接入信息"

    app_id = forms.CharField(label="AppID（开发者 ID）", max_length=40)
    secret = forms.CharField(
        label="AppSecret（开发者密码）",
        max_length=100,
        required=False,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
    )

    def __init__(self, *args, account=None, **kwargs):
        self.account = account
        super().__init__(*args, **kwargs)
        if account is not None and account.has_secret:
            self.fields["secret"].help_text = f"已设置。{KEEP}保存后不再显示。"
        else:
            self.fields["secret"].help_text = "在公众平台“设置与开发 → 基本配置”中获取。保存后不再显示。"

    def clean(self):
        data = super().clean()
        has_secret = self.account is not None and self.account.has_secret
        if not data.get("secret") and not has_secret:
            self.add_error("secret", "请填写 AppSecret。")
        return data

    def save(self, channel):
        account, _ = WechatAccount.objects.get_or_create(channel=channel)
        account.app_id = self.cleaned_data["app_id"].strip()
        if self.cleaned_data.get("secret"):
            account.secret = self.cleaned_data["secret"].strip()
        account.checked_at, account.check_ok, account.check_message = None, None, ""
        account.save()
        return account


class WebhookForm(forms.Form):
    action = "add_webhook"
    button = "添加推送地址"

    url = forms.URLField(
        label="接收地址",
        max_length=500,
        assume_scheme="https",
        help_text="对方提供的 https 地址，平台把消息 POST 到这里。",
    )
    secret = forms.CharField(
        label="签名密钥",
        min_length=16,
        max_length=200,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "off"}),
        help_text="至少 16 位，与对方约定；用于 X-Townsquare-Signature 签名。保存后不再显示。",
    )
    events = forms.MultipleChoiceField(
        label="推送哪些事件",
        choices=Webhook.Event.choices,
        initial=Webhook.Event.values,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "请至少选择一种事件。"},
    )

    def save(self, channel):
        hook = Webhook(channel=channel, url=self.cleaned_data["url"], events=",".join(self.cleaned_data["events"]))
        hook.secret = self.cleaned_data["secret"]
        hook.save()
        return hook
