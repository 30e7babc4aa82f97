from django import forms
from django.conf import settings

from townsquare.core.forms import HoneypotForm

HELPFUL = {"yes": True, "no": False}


class AnswerForm(HoneypotForm):
    """有 / 没有 for one address; the widget sends its own path and, on a Wagtail page, the page's id."""

    path = forms.CharField(max_length=255, widget=forms.HiddenInput)
    page = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    helpful = forms.ChoiceField(choices=[("yes", "有"), ("no", "没有")])

    def clean_path(self):
        path = self.cleaned_data["path"]
        if not path.startswith("/") or path.startswith("//") or "\\" in path:
            raise forms.ValidationError("这个页面的地址不对。")
        return path

    @property
    def is_helpful(self):
        return HELPFUL[self.cleaned_data["helpful"]]


class MissingForm(HoneypotForm):
    missing = forms.CharField(
        label="缺少什么？",
        help_text="比如：没写清要带什么材料、电话打不通、内容过期了。请不要填写姓名、电话等个人信息。",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean_missing(self):
        text = self.cleaned_data["missing"].strip()
        limit = settings.FEEDBACK_MISSING_MAX_CHARS
        if len(text) > limit:
            raise forms.ValidationError(f"最多写{limit}个字，您写了{len(text)}个字，请删短一些。")
        return text
