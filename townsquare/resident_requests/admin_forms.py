"""Forms staff use in the admin: one small form per handling action, and the snippet forms that need the user."""

from django import forms
from django.conf import settings
from django.db.models import Q
from wagtail.admin.forms import WagtailAdminModelForm

from townsquare.units.access import is_county_staff, units_for
from townsquare.units.models import Unit

from .blanks import unfilled_blanks
from .models import Category, ExtensionRequest, ReplyTemplate, ResidentRequest


def text_box(label, max_length, rows, **kwargs):
    """A text field of ``rows`` lines for what staff write (reasons, questions, answers, notes)."""
    return forms.CharField(label=label, max_length=max_length, widget=forms.Textarea(attrs={"rows": rows}), **kwargs)


class ActionForm(forms.Form):
    """A handling action; ``action`` names it, and is the form's prefix so each form keeps its own input."""

    action = ""
    label = ""
    button = ""
    danger = False

    def __init__(self, *args, request_obj=None, user=None, **kwargs):
        self.request_obj = request_obj
        self.user = user
        kwargs.setdefault("prefix", self.action)
        super().__init__(*args, **kwargs)


class AcceptForm(ActionForm):
    action = "accept"
    label = "受理"
    button = "受理这条留言"


class TransferForm(ActionForm):
    action = "transfer"
    label = "转办"
    button = "转办"

    unit = forms.ModelChoiceField(
        label="转给哪个单位", queryset=Unit.objects.none(), required=False, empty_label="（按所选分类的责任单位）"
    )
    category = forms.ModelChoiceField(
        label="改为分类（可不选）", queryset=Category.objects.none(), required=False, empty_label="（不改分类）"
    )
    reason = text_box("转办理由", 300, rows=2)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        units = Unit.objects.order_by("sort_order", "id")
        if self.request_obj is not None:
            units = units.exclude(pk=self.request_obj.unit_id)
        self.fields["unit"].queryset = units
        self.fields["category"].queryset = Category.objects.filter(active=True).select_related("unit")
        self.fields["category"].label_from_instance = lambda category: f"{category.name}（{category.unit}）"

    def clean(self):
        data = super().clean()
        if not data.get("unit") and data.get("category"):
            data["unit"] = data["category"].unit
        if not data.get("unit") and "unit" not in self.errors:
            self.add_error("unit", "请选择转给哪个单位，或选一个分类。")
        return data


class AskForm(ActionForm):
    action = "ask"
    label = "请留言人补充"
    button = "发给留言人"

    question = text_box(
        "需要留言人补充什么", 1000, rows=3, help_text="留言人会在查询页看到这段话。等待补充期间答复期限暂停计算。"
    )


class AnswerForm(ActionForm):
    action = "answer"
    label = "答复"
    button = "发布答复"

    template = forms.ModelChoiceField(
        label="答复模板", queryset=ReplyTemplate.objects.none(), required=False, empty_label="（不用模板）"
    )
    reply = text_box(
        "答复内容",
        4000,
        rows=8,
        required=False,
        help_text="答复会公开在留言页面上（同意公开的留言）。请写清楚结果、办理时间和联系电话。",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = templates_for(self.request_obj)

    def clean_reply(self):
        return self.cleaned_data.get("reply", "").strip()

    def blanks(self):
        """The template blanks (【请填写：…】) still in the reply box, shown highlighted above the button."""
        return unfilled_blanks(self["reply"].value())


def templates_for(request_obj):
    """The county-wide reply templates and those of the unit in charge."""
    templates = ReplyTemplate.objects.order_by("title", "pk")
    if request_obj is None:
        return templates.filter(unit__isnull=True)
    return templates.filter(Q(unit__isnull=True) | Q(unit_id=request_obj.unit_id))


class NoteForm(ActionForm):
    action = "note"
    label = "内部备注"
    button = "保存备注"

    note = text_box("备注", 2000, rows=2, help_text="只有工作人员能看到。")


class ExtensionForm(ActionForm):
    action = "extend"
    label = "申请延期"
    button = "提交县里审批"

    reason = text_box("延期理由", 300, rows=2)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Built here, not at import, so the limit follows the setting.
        limit = settings.REQUEST_EXTENSION_MAX_WORKING_DAYS
        self.fields = {
            "working_days": forms.IntegerField(
                label="延长几个工作日",
                min_value=1,
                max_value=limit,
                help_text=f"最多{limit}个工作日，由县里审批后生效。",
            ),
            **self.fields,
        }


class DeclineForm(ActionForm):
    action = "decline"
    label = "不予受理"
    button = "不予受理"
    danger = True

    reason = text_box("理由", 300, rows=2, help_text="留言人会看到这段理由，请说明可以去哪里办。")


class MergeForm(ActionForm):
    action = "merge"
    label = "并案"
    button = "并入主案"

    tracking_number = forms.CharField(
        label="主案的受理编号", max_length=20, help_text="同一件事的多条留言合并为一案办理，答复主案即可。"
    )

    def clean_tracking_number(self):
        number = self.cleaned_data["tracking_number"].strip()
        main = ResidentRequest.objects.filter(tracking_number=number).first()
        if main is None:
            raise forms.ValidationError(f"没有找到受理编号为 {number} 的留言。")
        self.main_request = main
        return number


class DecideExtensionForm(ActionForm):
    action = "decide"
    label = "审批延期"
    button = "提交审批"

    extension = forms.ModelChoiceField(queryset=ExtensionRequest.objects.none(), widget=forms.HiddenInput)
    decision = forms.ChoiceField(
        label="审批意见", choices=[("approve", "同意延期"), ("refuse", "不同意")], widget=forms.RadioSelect
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.request_obj is not None:
            pending = self.request_obj.extension_requests.filter(decision=ExtensionRequest.Decision.PENDING)
            self.fields["extension"].queryset = pending
            if not self.is_bound:
                self.initial.setdefault("extension", pending.order_by("-requested_at").first())


class AdoptSuggestionForm(ActionForm):
    action = "adopt"
    label = "采纳建议"
    button = "采纳建议"

    # Which of the shown suggestions (the first when empty); routing.adopt checks it was shown.
    category = forms.ModelChoiceField(queryset=Category.objects.filter(active=True), required=False)


ACTION_FORMS = {
    form.action: form
    for form in (
        AcceptForm,
        TransferForm,
        AskForm,
        AnswerForm,
        NoteForm,
        ExtensionForm,
        DeclineForm,
        MergeForm,
        DecideExtensionForm,
        AdoptSuggestionForm,
    )
}


class ReplyTemplateForm(WagtailAdminModelForm):
    """Units keep their own reply templates; only county staff write county-wide ones."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        field = self.fields.get("unit")
        if field is None or user is None or is_county_staff(user):
            return
        field.queryset = units_for(user)
        field.required = True
        field.empty_label = None
        field.help_text = "本单位使用的模板。"
