"""The public's forms: submitting a job, a rental or an offer; the management code; reports.

Every problem is a Chinese message next to its field; a form sent back keeps everything
typed (photos excepted: browsers cannot keep them, and the page says so).
"""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

from townsquare.core import photos as photo_kit
from townsquare.core.forms import (
    HoneypotForm,
    PhotoInput,
    PhotosField,
    label_empty_choices,
    mark_optional,
    normalize_email,
    normalize_phone,
)

from .models import JobListing, Offer, RentalListing, RentalPhoto, Report
from .public import towns


def photo_rules():
    """Rental photos: LISTINGS_PHOTO_MAX_COUNT of them, each within the REQUEST_PHOTO_* limits."""
    return photo_kit.PhotoRules(
        max_count=settings.LISTINGS_PHOTO_MAX_COUNT,
        max_bytes=settings.REQUEST_PHOTO_MAX_BYTES,
        max_side=settings.REQUEST_PHOTO_MAX_SIDE,
        max_pixels=settings.REQUEST_PHOTO_MAX_PIXELS,
    )


class RentalPhotoLimits(photo_kit.PhotoLimitsUploadHandler):
    """The kit's upload handler with the rentals' limits."""

    def __init__(self, request=None):
        super().__init__(request, rules=photo_rules())


def _messages(model, fields):
    """Chinese messages for the model fields' usual problems."""
    result = {}
    for name in fields:
        field = model._meta.get_field(name)
        label = str(field.verbose_name)
        ask = "请选择" if field.choices or field.is_relation else "请填写"
        messages = {"required": f"{ask}{label}。", "invalid": f"{label}的格式不对，请核对。"}
        if getattr(field, "max_length", None):
            messages["max_length"] = f"{label}不能超过{field.max_length}个字（现在有%(show_value)d个字）。"
        if field.choices:
            messages["invalid_choice"] = f"请从列出的{label}中选一个。"
        messages["min_value"] = f"{label}不能小于%(limit_value)s。"
        messages["max_value"] = f"{label}不能大于%(limit_value)s。"
        messages["max_digits"] = f"{label}的数字太长了。"
        messages["max_decimal_places"] = f"{label}最多保留%(max)s位小数。"
        result[name] = messages
    return result


DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
CONTACT_FIELDS = ["contact_name", "contact_phone", "contact_email"]


class PublicListingForm(HoneypotForm, forms.ModelForm):
    """What every public submission has: town, contact, the honeypot, optional fields marked 选填."""

    promise = "我保证信息真实；工作人员可以打电话核实。"  # each kind words what its poster promises
    agree = forms.BooleanField(error_messages={"required": "请确认信息真实后再提交。"})

    def __init__(self, *args, town_list=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agree"].label = self.promise
        town_field = self.fields["town"]
        town_field.required = True
        town_field.queryset = town_field.queryset.model.objects.filter(
            pk__in=[t.pk for t in (town_list if town_list is not None else towns())]
        ).order_by("sort_order", "pk")
        town_field.error_messages.update({"required": "请选择所在镇街。", "invalid_choice": "请从列出的镇街中选一个。"})
        self.fields["contact_name"].required = True
        self.fields["contact_phone"].required = True
        self.fields["contact_phone"].widget.attrs.update({"autocomplete": "tel", "inputmode": "tel"})
        self.fields["contact_email"].widget.attrs.update({"autocomplete": "email"})
        self.fields["contact_email"].help_text = "选填。填了的话，我们发一个验证码到这个邮箱，验证后审核更快。"
        self.fields["contact_phone"].help_text = "只在有人点“查看联系方式”时显示，不会出现在列表里。"
        self.fields["title"].help_text = "一句话说清，不超过60个字。"
        for field in self.fields.values():
            if isinstance(field.widget, forms.Textarea):
                field.widget.attrs["rows"] = 4
        label_empty_choices(self)
        mark_optional(self)

    def clean_contact_phone(self):
        try:
            return normalize_phone(self.cleaned_data.get("contact_phone"))
        except ValueError:
            raise ValidationError("电话号码不对：手机写11位数字，座机写区号加号码，如 0731-12345678。") from None

    def clean_contact_email(self):
        return normalize_email(self.cleaned_data.get("contact_email"))

    def listing_fields(self):
        return {name: self.cleaned_data[name] for name in self._meta.fields}


class JobSubmitForm(PublicListingForm):
    promise = "我保证信息真实，不向求职者收取任何费用；工作人员可以打电话核实。"

    class Meta:
        model = JobListing
        fields = [
            "title",
            "employer",
            "job_kind",
            "pay_min",
            "pay_max",
            "pay_period",
            "openings",
            "place",
            "town",
            "requirements",
            "description",
            "closing_date",
            *CONTACT_FIELDS,
        ]
        labels = {"title": "招聘岗位"}
        widgets = {"closing_date": DATE_WIDGET}
        error_messages = _messages(JobListing, fields)

    def clean_closing_date(self):
        day = self.cleaned_data.get("closing_date")
        today = timezone.localdate()
        if day and day < today:
            raise ValidationError("报名截止日期已经过了，请填今天或以后的日期。")
        if day and (day - today).days > 180:
            raise ValidationError("报名截止最多填半年以内的日期。")
        return day

    def clean(self):
        data = super().clean()
        if data.get("pay_min") is not None and data.get("pay_max") is not None and data["pay_min"] > data["pay_max"]:
            self.add_error("pay_max", "工资上限不能低于下限。")
        return data


class RentalSubmitForm(PublicListingForm):
    promise = "我保证信息真实，不向租客收取中介费、看房费等租金以外的费用；工作人员可以打电话核实。"
    photos = PhotosField(label="照片", required=False, widget=PhotoInput(attrs={"accept": "image/*"}))

    class Meta:
        model = RentalListing
        fields = [
            "title",
            "price",
            "area",
            "layout",
            "town",
            "community",
            "address",
            "available_from",
            "description",
            *CONTACT_FIELDS,
        ]
        widgets = {"available_from": DATE_WIDGET, "area": forms.NumberInput(attrs={"step": "0.1", "min": "1"})}
        error_messages = _messages(RentalListing, fields)

    def __init__(self, *args, upload_problems=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.upload_problems = upload_problems
        rules = photo_rules()
        self.fields["photos"].help_text = (
            f"最多{rules.max_count}张，每张不超过{rules.max_megabytes} MB。"
            "照片里的拍摄地点等信息会被去掉。请不要拍到人脸和门牌号。"
        )
        self.fields["title"].help_text = "例如：青禾镇中心小学旁两室一厅，拎包入住。"

    @property
    def chosen_photos(self):
        return bool(self.files.getlist("photos")) if hasattr(self.files, "getlist") else False

    def clean_photos(self):
        return photo_kit.clean_photos(self.cleaned_data.get("photos") or [], self.upload_problems, photo_rules())

    def photo_models(self):
        """Unsaved RentalPhotos from the cleaned photos (re-encoded, no metadata, random names)."""
        return [photo.to_model(RentalPhoto) for photo in self.cleaned_data.get("photos") or []]


class OfferSubmitForm(PublicListingForm):
    promise = "我保证优惠真实有效，按写明的条件兑现；工作人员可以打电话核实。"

    class Meta:
        model = Offer
        fields = [
            "title",
            "offer_kind",
            "merchant",
            "town",
            "address",
            "valid_from",
            "valid_until",
            "conditions",
            "description",
            *CONTACT_FIELDS,
        ]
        widgets = {"valid_from": DATE_WIDGET, "valid_until": DATE_WIDGET}
        error_messages = _messages(Offer, fields)

    def clean(self):
        data = super().clean()
        start, end = data.get("valid_from"), data.get("valid_until")
        if end and end < timezone.localdate():
            self.add_error("valid_until", "有效期已经过了，请填今天或以后的日期。")
        elif start and end and end < start:
            self.add_error("valid_until", "有效期截止不能早于开始。")
        return data


SUBMIT_FORMS = {"jobs": JobSubmitForm, "rentals": RentalSubmitForm, "offers": OfferSubmitForm}


class VerifyForm(forms.Form):
    code = forms.CharField(
        label="邮箱验证码",
        max_length=12,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
        error_messages={"required": "请填写邮件里的6位验证码。"},
    )


class ManageForm(forms.Form):
    reference = forms.CharField(
        label="信息编号",
        max_length=30,
        help_text="提交成功时页面上显示的编号，如 jobs-12。",
        error_messages={"required": "请填写信息编号。"},
    )
    code = forms.CharField(
        label="管理码",
        max_length=30,
        widget=forms.PasswordInput(render_value=True, attrs={"autocomplete": "off"}),
        help_text="提交成功时显示的10位字母和数字。",
        error_messages={"required": "请填写管理码。"},
    )


class ReportForm(forms.ModelForm):
    class Meta:
        model = Report
        fields = ["reason", "details"]
        widgets = {"reason": forms.RadioSelect, "details": forms.Textarea(attrs={"rows": 4})}
        error_messages = {
            "reason": {"required": "请选择举报原因。", "invalid_choice": "请从列出的原因中选一个。"},
            "details": {"max_length": "补充说明不能超过500个字（现在有%(show_value)d个字）。"},
        }
        help_texts = {"details": "选填。例如：打电话过去要求先交押金。请不要写自己的电话和身份证号。"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].choices = Report.Reason.choices
        mark_optional(self)
