"""The public comment form: the opinion, who sends it (kept private) and whether it may be published."""

from django import forms

from townsquare.core.forms import HoneypotForm, normalize_email, normalize_phone


class CommentForm(HoneypotForm):
    paragraph = forms.CharField(required=False, widget=forms.HiddenInput, max_length=20)
    text = forms.CharField(
        label="您的意见",
        min_length=5,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="说说哪里好、哪里要改、怎么改更好。2000字以内。",
        error_messages={"required": "请写下您的意见。", "min_length": "意见太短了，请多写几个字（至少5个字）。"},
    )
    name = forms.CharField(
        label="您的姓名",
        max_length=40,
        error_messages={"required": "请留下姓名，方便我们了解意见来自哪里。"},
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    phone = forms.CharField(
        label="手机或电话",
        required=False,
        max_length=30,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    email = forms.EmailField(
        label="电子邮箱",
        required=False,
        max_length=254,
        error_messages={"invalid": "邮箱地址格式不对，请核对，如 name@example.com。"},
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    wants_public = forms.BooleanField(
        label="同意公开我的意见（只公开意见内容，不显示姓名和联系方式）",
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["phone"].help_text = "电话和邮箱至少填一项，只给起草单位看，不会公开。"

    def clean_phone(self):
        try:
            return normalize_phone(self.cleaned_data["phone"])
        except ValueError:
            raise forms.ValidationError("电话号码格式不对，请填11位手机号，或带区号的座机号。") from None

    def clean_email(self):
        return normalize_email(self.cleaned_data["email"])

    def clean(self):
        cleaned = super().clean()
        if not self.errors.get("phone") and not self.errors.get("email"):
            if not cleaned.get("phone") and not cleaned.get("email"):
                self.add_error("phone", "请留一个电话或邮箱，起草单位有问题时好联系您。")
        return cleaned
