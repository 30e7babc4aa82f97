"""What every public form shares (我要留言, 生活服务, 预约办理): a submission key against double submits,
a honeypot against form-filling robots, and one way to tidy phone numbers and e-mail addresses.

A new public form: subclass ``HoneypotForm`` (or mix it into a ModelForm), give the page a key with
``submission_key(request.POST)``, store it with what the form creates, and render its fields with the
templates in ``core/templates/core/forms/``. Rate limits live in ``core.ratelimit``.
"""

import re
import secrets

from django import forms

# --- the submission key (idempotency key) ------------------------------------------------------------
# The page carries a random key in a hidden field; what the form creates stores it (unique). The same
# form sent again (double click, refresh, a second tab) finds what the first one made instead of
# making it twice.

SUBMISSION_KEY_FIELD = "submission_key"
SUBMISSION_KEY = re.compile(r"^[A-Za-z0-9_-]{20,64}$")


def new_submission_key():
    return secrets.token_urlsafe(24)


def submission_key(data):
    """The key a form sent back, or a new one when it is missing or malformed (that submission gets its own)."""
    key = data.get(SUBMISSION_KEY_FIELD, "") if data is not None else ""
    return key if SUBMISSION_KEY.match(key or "") else new_submission_key()


# --- the honeypot ---------------------------------------------------------------------------------------

HONEYPOT_FIELD = "homepage"


class HoneypotForm(forms.Form):
    """A field people never see (``core/forms/honeypot.html`` hides it); a robot that fills every field
    fills this one too. Mix it into a ModelForm as ``class F(HoneypotForm, forms.ModelForm)``."""

    homepage = forms.CharField(
        label="请不要填写这一项",
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    @property
    def is_robot(self):
        return bool((self.data.get(HONEYPOT_FIELD) or "").strip())

    def clear_honeypot(self):
        """Empty the field before the form goes back, so that a person whose browser filled it can resend."""
        self.data = self.data.copy()
        self.data[HONEYPOT_FIELD] = ""


# --- phone numbers and e-mail addresses --------------------------------------------------------------------

MOBILE = re.compile(r"^1[3-9]\d{9}$")
# 010 and 02x are followed by 8 digits; other area codes (4 digits) by 7 or 8.
LANDLINE = re.compile(r"^(0(?:10|2\d))(\d{8})$|^(0[3-9]\d{2})(\d{7,8})$")
EXTENSION = re.compile(r"(?:转|分机|ext\.?|x|#)\s*(\d{1,6})$", re.IGNORECASE)
PHONE_NOISE = re.compile(r"[\s\-－—()（）.]")


def normalize_phone(raw, *, mobile_only=False):
    """A mainland mobile (11 digits) or, unless ``mobile_only``, a landline with its area code
    ("0731-12345678", an extension kept as "转123"); "" for nothing typed; else ValueError."""
    text = (raw or "").strip()
    if not text:
        return ""
    extension = ""
    match = EXTENSION.search(text)
    if match:
        extension, text = match.group(1), text[: match.start()]
    digits = PHONE_NOISE.sub("", text)
    if digits.startswith("+86"):
        digits = digits[3:]
    elif digits.startswith("0086"):
        digits = digits[4:]
    elif digits.startswith("86") and len(digits) == 13:
        digits = digits[2:]
    if MOBILE.match(digits) and not extension:
        return digits
    landline = None if mobile_only else LANDLINE.match(digits)
    if landline:
        area, number = (landline.group(1), landline.group(2)) if landline.group(1) else landline.groups()[2:]
        return f"{area}-{number}" + (f"转{extension}" if extension else "")
    raise ValueError(raw)


def normalize_email(raw):
    """One spelling per address, so that limits and look-ups by address match however it was typed."""
    return (raw or "").strip().lower()


# --- several photos under one name ---------------------------------------------------------------------


class PhotoInput(forms.ClearableFileInput):
    allow_multiple_selected = True
    template_name = "django/forms/widgets/file.html"  # no "clear" checkbox: nothing is stored yet


class PhotosField(forms.FileField):
    """Several files under one name; the form checks them together (count, size, real images)."""

    widget = PhotoInput

    def clean(self, data, initial=None):
        if not data:
            return []
        return [item for item in (data if isinstance(data, list | tuple) else [data]) if item]


# --- labels -----------------------------------------------------------------------------------------------

OPTIONAL_MARK = "（选填）"


def mark_optional(form):
    """Add "（选填）" to the labels of the fields that may stay empty (once; hidden fields and the honeypot aside)."""
    for name, field in form.fields.items():
        label = str(field.label or "")
        if field.required or field.widget.is_hidden or name == HONEYPOT_FIELD or label.endswith(OPTIONAL_MARK):
            continue
        field.label = label + OPTIONAL_MARK


CHOOSE_LABEL = "请选择"


def label_empty_choices(form):
    """Drop-downs start with "请选择" instead of Django's "---------"."""
    for field in form.fields.values():
        if isinstance(field, forms.ModelChoiceField):
            if field.empty_label is not None:
                field.empty_label = CHOOSE_LABEL
        elif isinstance(field, forms.ChoiceField) and not isinstance(field.widget, forms.RadioSelect):
            field.choices = [("", CHOOSE_LABEL) if value == "" else (value, text) for value, text in field.choices]


# --- looking a submission up: its tracking number and 6-digit query password (core.tracking) -------------------

TRACKING_NUMBER = re.compile(r"^\d{8,20}$")
QUERY_PASSWORD = re.compile(r"^\d{6}$")


class TrackingQueryForm(forms.Form):
    """The number and password given when something was submitted; ``number_label`` is what the app calls the
    number (受理编号 of 我要留言, 申请编号 of 依申请公开)."""

    number_label = "受理编号"

    tracking_number = forms.CharField(
        max_length=40,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        help_text="提交成功时页面上显示的一串数字，如 20261127123456。",
    )
    password = forms.CharField(
        label="查询密码",
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        error_messages={"required": "请填写6位数字的查询密码。"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["tracking_number"]
        field.label = self.number_label
        field.error_messages["required"] = f"请填写{self.number_label}。"

    def clean_tracking_number(self):
        number = re.sub(r"\s|-", "", self.cleaned_data["tracking_number"])
        if not TRACKING_NUMBER.match(number):
            raise forms.ValidationError(f"{self.number_label}是一串数字，请核对后再填。")
        return number

    def clean_password(self):
        password = re.sub(r"\s", "", self.cleaned_data["password"])
        if not QUERY_PASSWORD.match(password):
            raise forms.ValidationError("查询密码是6位数字，请核对后再填。")
        return password
