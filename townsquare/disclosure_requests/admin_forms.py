"""Forms of the staff side: registering a paper/letter/当面 application, and one small form per handling step."""

from django import forms
from django.conf import settings
from django.core.validators import MaxValueValidator
from django.utils import timezone

from townsquare.units.access import scope

from . import outcomes
from .forms import ApplicationForm
from .models import Channel, Status


class RegisterForm(ApplicationForm):
    """An application that arrived on paper, by letter, fax or in person; the proof may be a copy kept on file."""

    channel = forms.ChoiceField(
        label="申请方式", choices=[c for c in Channel.choices if c[0] not in (Channel.ONLINE, Channel.FROM_MESSAGE)]
    )
    received_at = forms.DateTimeField(
        label="收到申请时间",
        help_text="信函以签收日期为准，当面申请以提交日期为准。格式如 2026-03-02 09:30。",
        error_messages={"required": "请填写收到申请的时间。", "invalid": "时间格式如 2026-03-02 09:30。"},
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["id_proof"].required = False
        self.fields["unit"].queryset = scope(user, self.fields["unit"].queryset, "pk")

    def clean_received_at(self):
        moment = self.cleaned_data["received_at"]
        if moment > timezone.now():
            raise forms.ValidationError("收到申请的时间不能晚于现在。")
        return moment

    def application_fields(self):
        fields = super().application_fields()
        fields["received_at"] = self.cleaned_data["received_at"]
        return fields


def _text(label, required_message, rows=4):
    return forms.CharField(
        label=label, widget=forms.Textarea(attrs={"rows": rows}), error_messages={"required": required_message}
    )


class ActionForm(forms.Form):
    action = ""
    title = ""
    button = ""

    def __init__(self, *args, application=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.application = application


class CorrectionForm(ActionForm):
    action, title, button = "correction", "告知补正", "出具补正告知书"
    missing = _text("需要补正的内容", "请写明需要补正的内容（一次性告知）。")


class CorrectionReceivedForm(ActionForm):
    action, title, button = "correction_received", "登记收到的补正", "登记补正，重新起算期限"
    answer = _text("申请人补正的内容", "请填写补正的内容。")


class ExtensionForm(ActionForm):
    action, title, button = "extend", "延长答复期限（负责人批准）", "批准延期并出具延期告知书"
    working_days = forms.IntegerField(label="延长工作日数", min_value=1)
    reason = forms.CharField(label="延期理由", max_length=300, error_messages={"required": "请写明延期理由。"})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit = settings.DISCLOSURE_EXTENSION_MAX_WORKING_DAYS
        self.fields["working_days"].max_value = limit
        self.fields["working_days"].initial = limit
        self.fields["working_days"].help_text = f"最多{limit}个工作日，只能延长一次。"
        self.fields["working_days"].validators.append(MaxValueValidator(limit))


class ConsultForm(ActionForm):
    action, title, button = "consult", "征求第三方意见", "登记征求意见并告知申请人"
    third_party = forms.CharField(label="第三方", max_length=100, error_messages={"required": "请填写第三方名称。"})


class OpinionForm(ActionForm):
    action, title, button = "opinion", "登记第三方意见", "登记意见"
    consultation = forms.ModelChoiceField(label="第三方", queryset=None, empty_label=None)
    answer = forms.CharField(
        label="第三方意见",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="逾期未提出意见的，留空。",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consultation"].queryset = self.application.consultations.filter(answered_at__isnull=True)


class DecisionForm(ActionForm):
    action, title, button = "decide", "作出答复", "作出答复并出具答复书"
    outcome = forms.ChoiceField(label="处理结果", choices=[("", "请选择")] + outcomes.choices())
    text = _text("答复内容及理由", "请填写答复内容及理由。", rows=6)
    legal_basis = forms.CharField(
        label="法律依据",
        max_length=300,
        required=False,
        help_text="如：《中华人民共和国政府信息公开条例》第三十六条第一项",
    )


def forms_for(application):
    """The steps that make sense now, in the order staff usually need them."""
    status = application.status
    chosen = []
    if status == Status.RECEIVED and not application.correction_asked_at:
        chosen.append(CorrectionForm)
    if status == Status.CORRECTION:
        chosen.append(CorrectionReceivedForm)
    if status in (Status.RECEIVED, Status.CONSULTING):
        chosen.append(ConsultForm)
    if status == Status.CONSULTING:
        chosen.append(OpinionForm)
    if application.is_open and not application.extension_working_days:
        chosen.append(ExtensionForm)
    if status == Status.RECEIVED:
        chosen.append(DecisionForm)
    return chosen


ACTION_FORMS = {
    form.action: form
    for form in (CorrectionForm, CorrectionReceivedForm, ExtensionForm, ConsultForm, OpinionForm, DecisionForm)
}
