"""The resident's forms: booking a slot, moving it, looking bookings up. Errors in Chinese, next to the field."""

from django import forms

from townsquare.core.forms import HoneypotForm, normalize_email, normalize_phone

from .models import Booking, normalise_code

NAME_MAX = Booking._meta.get_field("name").max_length


class SlotChoiceField(forms.TypedChoiceField):
    def __init__(self, **kwargs):
        super().__init__(
            coerce=int,
            empty_value=None,
            widget=forms.RadioSelect,
            error_messages={
                "required": "请选一个时段。",
                "invalid_choice": "这个时段已经约满或不能预约了，请换一个时段。",
            },
            **kwargs,
        )


def _times(slot):
    return f"{slot.start:%H:%M}-{slot.end:%H:%M}"


class SlotForm(forms.Form):
    """A form that offers slots as radio buttons (``slot_options`` for ``core/forms/choices.html``)."""

    def __init__(self, *args, slots=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.offer(slots)

    def offer(self, slots):
        """Offer these slots (again, when the places changed meanwhile)."""
        self.slots = {slot.pk: slot for slot in slots}
        self.fields["slot"].choices = [(slot.pk, _times(slot)) for slot in slots]

    @property
    def slot_options(self):
        return [
            {"value": slot.pk, "label": _times(slot), "hint": f"余{slot.remaining}个", "label_class": "num"}
            for slot in self.slots.values()
        ]

    def chosen_slot(self):
        return self.slots.get(self.cleaned_data.get("slot"))


class BookingForm(HoneypotForm, SlotForm):
    slot = SlotChoiceField(label="选择时段")
    name = forms.CharField(
        label="姓名",
        max_length=NAME_MAX,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": "请填写办事人的姓名。", "max_length": f"姓名不能超过{NAME_MAX}个字。"},
    )
    phone = forms.CharField(
        label="手机号",
        max_length=20,
        help_text="用来核对身份和查询预约，不会公开。",
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
        error_messages={"required": "请填写手机号。", "max_length": "手机号太长了，请填11位手机号。"},
    )
    email = forms.EmailField(
        label="电子邮箱（选填）",
        required=False,
        max_length=254,
        help_text="填了的话，预约前一个工作日会发邮件提醒您。",
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"invalid": "邮箱格式不对，请核对，如 name@example.com。"},
    )

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError("请填写办事人的姓名。")
        return name

    def clean_phone(self):
        try:
            phone = normalize_phone(self.cleaned_data["phone"], mobile_only=True)
        except ValueError:
            phone = ""
        if not phone:
            raise forms.ValidationError("手机号要是11位数字，以1开头，如 13812345678。")
        return phone

    def clean_email(self):
        return normalize_email(self.cleaned_data.get("email"))


class MoveForm(SlotForm):
    slot = SlotChoiceField(label="新的时段")


class BookingCodeForm(HoneypotForm):
    """The booking code, as residents type it (ABCD-EFGH, abcdefgh)."""

    code = forms.CharField(
        label="预约码",
        max_length=20,
        help_text="预约成功时给您的8位码，如 ABCD-EFGH。",
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}),
        error_messages={"required": "请填写预约码。", "max_length": "预约码是8位，请核对。"},
    )
    # The service the resident came from, so that 忘了预约码 names its window (ignored when not a number).
    service = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean_service(self):
        text = self.cleaned_data["service"]
        return text if text.isdigit() and len(text) < 10 else ""

    def clean_code(self):
        code = normalise_code(self.cleaned_data["code"])
        if not code:
            raise forms.ValidationError("预约码是8位字母和数字（不含 0、1、O、I、L），请核对。")
        return code


class LookupForm(BookingCodeForm):
    phone_tail = forms.CharField(
        label="手机号后4位",
        max_length=4,
        min_length=4,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        error_messages={
            "required": "请填写预约时所留手机号的后4位。",
            "min_length": "请填写手机号的后4位数字。",
            "max_length": "请填写手机号的后4位数字。",
        },
    )

    def clean_phone_tail(self):
        tail = self.cleaned_data["phone_tail"].strip()
        if not tail.isdigit() or len(tail) != 4:
            raise forms.ValidationError("请填写手机号的后4位数字。")
        return tail


class EmailCodeForm(BookingCodeForm):
    """The booking code with the six digits e-mailed to the booking's address."""

    email_code = forms.CharField(
        label="邮箱验证码",
        max_length=6,
        min_length=6,
        help_text="邮件里的6位数字。",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
        error_messages={
            "required": "请填写邮件里的6位验证码。",
            "min_length": "验证码是6位数字，请核对。",
            "max_length": "验证码是6位数字，请核对。",
        },
    )

    def clean_email_code(self):
        digits = self.cleaned_data["email_code"].strip()
        if not digits.isdigit() or len(digits) != 6:
            raise forms.ValidationError("验证码是6位数字，请核对。")
        return digits
