"""The public's forms of a 民生实事 round: a proposal and the ballot (the phone/e-mail check before voting is
``core.verification.VerificationForm``).

Every problem is a Chinese message beside its field; a form sent back keeps what was typed.
"""

from django import forms

from townsquare.core.forms import HoneypotForm, mark_optional, normalize_email, normalize_phone

from .models import Proposal


def _required(label):
    return {"required": f"请填写{label}。"}


class ProposalForm(HoneypotForm, forms.ModelForm):
    """A resident proposes a project: what, where, roughly how much, and how to reach them (kept private)."""

    agree = forms.BooleanField(
        label="我知道：提议经审核后公开，但不会公开我的姓名和联系方式。",
        error_messages={"required": "请勾选确认后再提交。"},
    )

    class Meta:
        model = Proposal
        fields = [
            "title",
            "description",
            "place",
            "estimated_cost",
            "proposer_name",
            "proposer_phone",
            "proposer_email",
        ]
        labels = {"proposer_name": "您的姓名", "proposer_phone": "手机号码", "proposer_email": "电子邮箱"}
        help_texts = {
            "title": "一句话说清要做什么，如“青禾镇卫生院门口增设公交站”。",
            "estimated_cost": "大概要花多少钱，不清楚可以不填。",
            "proposer_phone": "手机号码和电子邮箱至少填一个，工作人员可能联系您了解情况，不会公开。",
        }
        error_messages = {
            "title": {**_required("项目名称"), "max_length": "项目名称不能超过60个字，请精简一下。"},
            "description": {**_required("项目内容"), "max_length": "项目内容不能超过2000个字。"},
            "place": {"max_length": "地点不能超过100个字。"},
            "estimated_cost": {
                "invalid": "估算投资请填数字，单位是万元，如 35 或 12.5。",
                "min_value": "估算投资不能是负数。",
                "max_digits": "估算投资的数字太长了，单位是万元。",
                "max_decimal_places": "估算投资最多保留1位小数。",
                "max_whole_digits": "估算投资的数字太长了，单位是万元。",
            },
            "proposer_name": {**_required("您的姓名"), "max_length": "姓名不能超过40个字。"},
            "proposer_email": {"invalid": "电子邮箱的格式不对，请核对。"},
        }
        widgets = {
            "description": forms.Textarea(attrs={"rows": 6}),
            "estimated_cost": forms.NumberInput(attrs={"inputmode": "decimal", "step": "0.1", "min": "0"}),
            "proposer_phone": forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
            "proposer_email": forms.EmailInput(attrs={"autocomplete": "email"}),
        }

    field_order = [*Meta.fields, "agree"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["proposer_name"].required = True
        self.fields["proposer_name"].widget.attrs["autocomplete"] = "name"
        mark_optional(self)

    def clean_proposer_phone(self):
        try:
            return normalize_phone(self.cleaned_data.get("proposer_phone"))
        except ValueError:
            raise forms.ValidationError("电话号码的格式不对：手机号是11位数字，座机请带区号。") from None

    def clean_proposer_email(self):
        return normalize_email(self.cleaned_data.get("proposer_email"))

    def clean(self):
        cleaned = super().clean()
        if (
            not cleaned.get("proposer_phone")
            and not cleaned.get("proposer_email")
            and not self.has_error("proposer_phone")
        ):
            self.add_error("proposer_phone", "手机号码和电子邮箱请至少填一个。")
        return cleaned

    def proposal_fields(self):
        return {name: self.cleaned_data[name] for name in self.Meta.fields}

    def contact(self):
        return self.cleaned_data.get("proposer_phone") or self.cleaned_data.get("proposer_email")


class BallotForm(forms.Form):
    """The proposals a verified person ticks; those already voted for are shown ticked and cannot change."""

    proposals = forms.TypedMultipleChoiceField(
        label="请选择您支持的项目",
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "请至少选一个项目。", "invalid_choice": "选中的项目不在这一轮里，请刷新页面。"},
    )

    def __init__(self, *args, proposals=(), voted=frozenset(), **kwargs):
        super().__init__(*args, **kwargs)
        self.voted = voted
        self.fields["proposals"].choices = [(p.pk, p.title) for p in proposals if p.pk not in voted]
