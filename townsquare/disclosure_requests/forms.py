"""The public forms of 依申请公开: the application, the query, and the 补正 sent from the query page."""

import re

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError

from townsquare.core.forms import (
    HoneypotForm,
    TrackingQueryForm,
    label_empty_choices,
    mark_optional,
    normalize_email,
    normalize_phone,
)
from townsquare.core.idnumbers import normalize_credit_code, normalize_resident_id
from townsquare.units.models import Unit

from .models import ApplicantType, Application, IdType, OrganisationKind

POSTCODE = re.compile(r"^\d{6}$")
PROOF_TYPES = {b"%PDF-": "PDF", b"\xff\xd8\xff": "JPEG", b"\x89PNG\r\n\x1a\n": "PNG"}
APPLYING_KINDS = (Unit.Kind.COUNTY, Unit.Kind.TOWN, Unit.Kind.STREET, Unit.Kind.DEPARTMENT)


def applying_units():
    """The organs one may apply to: the county, its towns and streets, its departments."""
    return Unit.objects.filter(kind__in=APPLYING_KINDS).order_by("sort_order", "id")


def proof_problem(upload):
    """What is wrong with a proof of identity, or "" (a JPEG, PNG or PDF within the size limit)."""
    limit = settings.REQUEST_PHOTO_MAX_BYTES
    if upload.size > limit:
        return f"身份证明文件太大了（最大{limit // (1024 * 1024)}MB），请拍得小一些或压缩后再选。"
    head = upload.read(8)
    upload.seek(0)
    if not any(head.startswith(magic) for magic in PROOF_TYPES):
        return "身份证明只能是照片（JPG、PNG）或PDF文件。"
    return ""


class ApplicationForm(HoneypotForm, forms.ModelForm):
    class Meta:
        model = Application
        fields = [
            "applicant_type",
            "organisation_kind",
            "name",
            "id_type",
            "id_number",
            "representative",
            "contact_person",
            "phone",
            "address",
            "postcode",
            "email",
            "unit",
            "description",
            "purpose",
            "provision_form",
            "delivery",
            "id_proof",
        ]
        widgets = {
            "applicant_type": forms.RadioSelect,
            "organisation_kind": forms.RadioSelect,
            "id_type": forms.RadioSelect,
            "provision_form": forms.RadioSelect,
            "delivery": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 6}),
            "purpose": forms.Textarea(attrs={"rows": 2}),
            "phone": forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
            "postcode": forms.TextInput(attrs={"inputmode": "numeric"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
        }
        labels = {"name": "姓名或单位名称", "unit": "向哪个机关申请", "id_proof": "身份证明"}
        help_texts = {
            "name": "公民填本人姓名；法人或其他组织填营业执照或登记证书上的名称。",
            "id_number": "公民填身份证或其他证件的号码；法人或其他组织填18位统一社会信用代码。",
            "description": "写清楚文件的名称、文号，或者发布时间、内容等便于查找的特征。",
            "purpose": "不填也可以。",
            "id_proof": "身份证（或营业执照）的照片或扫描件，JPG、PNG或PDF，5MB以内。只给办理单位看，不会公开。",
            "email": "填了邮箱，告知书会同时发到邮箱。",
        }
        error_messages = {
            "applicant_type": {"required": "请选择申请人是公民还是法人或其他组织。"},
            "name": {"required": "请填写姓名或单位名称。"},
            "id_type": {"required": "请选择证件类型。"},
            "id_number": {"required": "请填写证件号码。"},
            "phone": {"required": "请填写联系电话。"},
            "address": {"required": "请填写通信地址，纸质告知书会寄到这里。"},
            "unit": {"required": "请选择向哪个机关申请。", "invalid_choice": "请从列表里选择机关。"},
            "description": {"required": "请写明您需要的政府信息。"},
            "provision_form": {"required": "请选择纸质还是电子。"},
            "delivery": {"required": "请选择获取方式。"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = applying_units()
        self.fields["id_proof"].required = True
        self.fields["id_proof"].error_messages["required"] = "请上传身份证明（身份证或营业执照的照片或PDF）。"
        self.fields["organisation_kind"].choices = OrganisationKind.choices
        for field in self.fields.values():  # radio buttons offer real choices only, no "---------"
            if isinstance(field.widget, forms.RadioSelect):
                field.choices = [(value, text) for value, text in field.choices if value != ""]
        label_empty_choices(self)
        mark_optional(self)

    def clean_phone(self):
        try:
            return normalize_phone(self.cleaned_data["phone"])
        except ValueError:
            raise ValidationError("电话号码不对，请填11位手机号，或带区号的固定电话。") from None

    def clean_email(self):
        return normalize_email(self.cleaned_data.get("email"))

    def clean_postcode(self):
        code = (self.cleaned_data.get("postcode") or "").strip()
        if code and not POSTCODE.match(code):
            raise ValidationError("邮政编码是6位数字。")
        return code

    def clean_id_proof(self):
        upload = self.cleaned_data.get("id_proof")
        if upload:
            problem = proof_problem(upload)
            if problem:
                raise ValidationError(problem)
        return upload

    def clean(self):
        data = super().clean()
        kind, id_type, number = data.get("applicant_type"), data.get("id_type"), data.get("id_number") or ""
        if kind == ApplicantType.ORGANISATION:
            if not data.get("organisation_kind"):
                self.add_error("organisation_kind", "请选择单位的类别。")
            if id_type and id_type != IdType.CREDIT_CODE:
                self.add_error("id_type", "法人或其他组织请选择统一社会信用代码。")
            if not (data.get("representative") or "").strip():
                self.add_error("representative", "请填写法定代表人。")
            if not (data.get("contact_person") or "").strip():
                self.add_error("contact_person", "请填写联系人。")
        elif kind == ApplicantType.PERSON:
            data["organisation_kind"] = ""
            if id_type == IdType.CREDIT_CODE:
                self.add_error("id_type", "公民请选择居民身份证或其他证件。")
        if number and id_type in (IdType.RESIDENT_ID, IdType.CREDIT_CODE):
            check = normalize_resident_id if id_type == IdType.RESIDENT_ID else normalize_credit_code
            try:
                data["id_number"] = check(number)
            except ValueError as error:
                self.add_error("id_number", str(error))
        return data

    def application_fields(self):
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class QueryForm(TrackingQueryForm):
    number_label = "申请编号"


class CorrectionForm(forms.Form):
    answer = forms.CharField(
        label="补正内容",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "请写下补正的内容。"},
    )
