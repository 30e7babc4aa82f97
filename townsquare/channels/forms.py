"""Admin forms: 登记/变更, 停更, 注销, 报送更新. Nothing typed is lost when a form comes back with an error."""

from django import forms
from wagtail.admin.widgets import AdminDateInput, AdminPageChooser
from wagtail.models import Page

from .models import Channel

EXTERNAL_KINDS = [(value, label) for value, label in Channel.Kind.choices if value != Channel.Kind.PLATFORM]


class ChannelForm(forms.ModelForm):
    """登记 (new external account) or 变更. A platform section only lets its 负责人 change here."""

    class Meta:
        model = Channel
        fields = ["unit", "kind", "name", "account_id", "responsible_person", "opened_on", "last_update_on"]
        widgets = {"opened_on": AdminDateInput(), "last_update_on": AdminDateInput()}
        help_texts = {
            "last_update_on": "账号最近一次发布信息的日期；以后可以用“报送更新”补报。",
            "responsible_person": "负责运维这个账号的工作人员姓名（不公开）。",
        }

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        if units is not None:
            self.fields["unit"].queryset = units
        self.fields["unit"].empty_label = "请选择主办单位"
        if self.instance.pk and self.instance.kind == Channel.Kind.PLATFORM:
            for name in list(self.fields):
                if name != "responsible_person":
                    del self.fields[name]
        else:
            self.fields["kind"].choices = [("", "请选择平台")] + EXTERNAL_KINDS
            self.fields["name"].error_messages["required"] = "请填写账号名称。"
            self.fields["unit"].error_messages["required"] = "请选择主办单位。"
            self.fields["kind"].error_messages["required"] = "请选择平台。"


class StopForm(forms.Form):
    continues_at = forms.CharField(
        label="服务转至",
        max_length=200,
        required=False,
        help_text="停更后群众到哪里继续获取信息和服务，如“示范县人民政府网站‘网上的青禾镇’栏目”。会写进停更公告。",
        error_messages={"max_length": "“服务转至”最多 200 个字。"},
    )
    continues_page = forms.ModelChoiceField(
        label="接替的栏目（可选）",
        queryset=Page.objects.all(),
        required=False,
        widget=AdminPageChooser(),
        help_text="在本网站上接替这个账号的栏目，公开页面会链接过去。",
    )

    def clean(self):
        data = super().clean()
        if not (data.get("continues_at") or "").strip() and not data.get("continues_page"):
            self.add_error("continues_at", "请写明停更后群众到哪里继续获取信息和服务，或选择接替的栏目。")
        return data


class SuspendForm(StopForm):
    action = "suspend"
    button = "停更并发布停更公告"
    danger = True


class CloseForm(StopForm):
    action = "close"
    button = "注销"
    danger = True
    detail = forms.CharField(
        label="注销说明",
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="如：已在平台完成注销，注销回执存档编号……",
    )

    def __init__(self, *args, channel=None, **kwargs):
        super().__init__(*args, **kwargs)
        if channel is not None and channel.suspension_notice_id:
            # The 停更公告 is out already; where the service continues is known.
            del self.fields["continues_at"]
            del self.fields["continues_page"]

    def clean(self):
        if "continues_at" not in self.fields:
            return forms.Form.clean(self)
        return super().clean()


class ReportUpdateForm(forms.Form):
    action = "report_update"
    button = "报送"
    danger = False
    date = forms.DateField(
        label="最近一次发布的日期",
        widget=AdminDateInput(),
        error_messages={
            "required": "请填写最近一次发布信息的日期。",
            "invalid": "日期格式不对，请按 2026-01-31 填写。",
        },
    )
