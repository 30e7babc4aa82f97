"""The residents' question form and the staff console's line form."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError

from townsquare.core.forms import HoneypotForm, mark_optional, normalize_email, normalize_phone

from .models import Line, Question


class QuestionForm(HoneypotForm, forms.ModelForm):
    may_publish = forms.TypedChoiceField(
        label="可以公开您的问题吗？",
        choices=[("yes", "可以公开（只显示“网友”和您的姓氏）"), ("no", "不公开，只请嘉宾答复")],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        initial="yes",
        error_messages={"required": "请选择问题能不能公开。"},
    )

    class Meta:
        model = Question
        fields = ["text", "name", "phone", "email", "may_publish"]
        labels = {"text": "您想问什么", "name": "您的称呼"}
        help_texts = {
            "text": "一次问一件事，写清楚在哪、什么情况，嘉宾好答。",
            "name": "如“王先生”。不会公开。",
            "phone": "只给工作人员回访用，不会公开。",
            "email": "只给工作人员回访用，不会公开。",
        }
        widgets = {
            "text": forms.Textarea(attrs={"rows": 5}),
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "phone": forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
        }
        error_messages = {
            "text": {"required": "请写上您的问题。"},
            "name": {"required": "请写上您的称呼，如“王先生”。"},
            "email": {"invalid": "邮箱地址不对，请核对，如 wang@example.com。"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].widget.attrs["maxlength"] = settings.INTERVIEW_QUESTION_MAX_CHARS
        mark_optional(self)

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        limit = settings.INTERVIEW_QUESTION_MAX_CHARS
        if len(text) > limit:
            raise ValidationError(f"问题最多{limit}个字，现在是{len(text)}个字，请删短一些。")
        return text

    def clean_phone(self):
        try:
            return normalize_phone(self.cleaned_data.get("phone"))
        except ValueError:
            raise ValidationError(
                "电话号码不对：手机号是1开头的11位数字；固定电话请带区号，如 0999-6012345。"
            ) from None

    def clean_email(self):
        return normalize_email(self.cleaned_data.get("email"))

    def question_fields(self):
        return {name: self.cleaned_data[name] for name in ("text", "name", "phone", "email", "may_publish")}


class LineForm(forms.Form):
    """The console: who speaks, what they say, and (optionally) which resident's question it answers."""

    speaker = forms.ChoiceField(label="谁说的", choices=Line.Speaker.choices, initial=Line.Speaker.GUEST)
    text = forms.CharField(label="内容", widget=forms.Textarea(attrs={"rows": 4}))
    question = forms.ModelChoiceField(label="答复的网友提问", queryset=Question.objects.none(), required=False)

    def __init__(self, *args, interview, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["question"].queryset = interview.questions.exclude(status=Question.Status.HIDDEN).order_by(
            "submitted_at"
        )
        self.fields["question"].empty_label = "（不是答复网友提问）"
        self.fields["question"].label_from_instance = lambda question: f"{question.public_name}：{question.text[:40]}"
