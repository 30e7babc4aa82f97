"""The resident's forms: leaving a message (我要留言), looking it up, adding information, rating the answer.

Every problem becomes a message in Chinese next to the field it concerns; a form sent
back keeps everything typed (browsers cannot keep chosen photos, the message says so).

The category and time-limit choices are read from the database and also kept in the
cache, so that the form can still be shown, with everything typed, while the database
is unavailable.
"""

import re
from decimal import ROUND_HALF_UP, Decimal

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import DatabaseError
from django.utils.safestring import mark_safe

from townsquare.core.forms import (
    HoneypotForm,
    PhotoInput,
    PhotosField,
    TrackingQueryForm,
    normalize_email,
    normalize_phone,
)

from . import photos as photo_rules
from .handling import RATINGS
from .models import Category, DeadlinePolicy, RequestType, ResidentRequest

CATEGORY_SNAPSHOT_KEY = "resident_requests:form:categories"
ANSWER_DAYS_SNAPSHOT_KEY = "resident_requests:form:answer_days"
SNAPSHOT_SECONDS = 7 * 24 * 3600

TITLE_MAX = ResidentRequest._meta.get_field("title").max_length
DETAILS_MAX = ResidentRequest._meta.get_field("details").max_length
ADDRESS_MAX = ResidentRequest._meta.get_field("address").max_length
NAME_MAX = ResidentRequest._meta.get_field("contact_name").max_length
EMAIL_MAX = ResidentRequest._meta.get_field("contact_email").max_length
COMMENT_MAX = ResidentRequest._meta.get_field("rating_comment").max_length
SUPPLEMENT_MAX = DETAILS_MAX

# Mainland China, generously (a map point outside it is a typing mistake).
LAT_RANGE = (Decimal("3.5"), Decimal("53.6"))
LONG_RANGE = (Decimal("73.4"), Decimal("135.1"))
COORDINATE = Decimal("0.000001")


def _too_long(limit):
    return f"不能超过{limit}个字（现在有%(show_value)d个字）。"


def _plain_text(value):
    """One kind of line break, whatever the browser sent (so 4,000 means the same here and in the counter)."""
    return (value or "").replace("\r\n", "\n").replace("\r", "\n").strip()


def _coordinate_field(name, bounds, example):
    """An optional 纬度 or 经度 in decimal degrees, within ``bounds``."""
    low, high = bounds
    out_of_bounds = f"{name}要在{low}到{high}之间，请核对。"
    return forms.DecimalField(
        label=f"{name}（选填）",
        required=False,
        min_value=low,
        max_value=high,
        widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
        error_messages={
            "invalid": f"{name}请填数字，例如 {example}。",
            "min_value": out_of_bounds,
            "max_value": out_of_bounds,
        },
    )


# --- choices that come from the database, with a cached copy for bad days -----------------------


def category_choices():
    """(id, label) of the active categories; (choices, True) when read from the database."""
    try:
        categories = Category.objects.filter(active=True).select_related("unit").order_by("sort_order", "id")
        choices = [(c.pk, f"{c.name}（{c.unit.short_name or c.unit.name}办理）") for c in categories]
    except DatabaseError:
        return cache.get(CATEGORY_SNAPSHOT_KEY) or [], False
    cache.set(CATEGORY_SNAPSHOT_KEY, choices, SNAPSHOT_SECONDS)
    return choices, True


def answer_days():
    """Working days to answer, by request type: the county's policies, else the settings' defaults."""
    days = dict(settings.REQUEST_ANSWER_WORKING_DAYS)
    try:
        days.update(dict(DeadlinePolicy.objects.values_list("request_type", "answer_within")))
    except DatabaseError:
        return cache.get(ANSWER_DAYS_SNAPSHOT_KEY) or days
    cache.set(ANSWER_DAYS_SNAPSHOT_KEY, days, SNAPSHOT_SECONDS)
    return days


def carried_over(query):
    """The form's first values from its address (``?type=consult&title=…&details=…``): a search or an answer
    that did not help carries the resident's words into a new 留言 (没解决？继续留言). Unknown values are left out."""
    initial = {}
    if query.get("type") in RequestType.values:
        initial["request_type"] = query["type"]
    for name, limit in (("title", TITLE_MAX), ("details", DETAILS_MAX)):
        value = " ".join(query.get(name, "").split()) if name == "title" else query.get(name, "").strip()
        if value:
            initial[name] = value[:limit]
    return initial


class RequestForm(HoneypotForm):
    request_type = forms.ChoiceField(
        label="留言类型",
        choices=RequestType.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "请选择留言类型。", "invalid_choice": "请从列出的类型中选一个。"},
    )
    category = forms.TypedChoiceField(
        label="哪方面的事",
        coerce=int,
        empty_value=None,
        error_messages={"required": "请选择哪方面的事。", "invalid_choice": "这个分类已经停用，请重新选一个。"},
    )
    title = forms.CharField(
        label="标题",
        max_length=TITLE_MAX,
        error_messages={"required": "请写一个标题，一句话说清是什么事。", "max_length": "标题" + _too_long(TITLE_MAX)},
        help_text=f"一句话说清是什么事，不超过{TITLE_MAX}个字。例如：东街口路灯坏了一个星期。",
    )
    details = forms.CharField(
        label="具体内容",
        max_length=DETAILS_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": "请写下具体内容。", "max_length": "具体内容" + _too_long(DETAILS_MAX)},
        help_text=f"什么时间、什么地方、发生了什么、希望怎么解决。不超过{DETAILS_MAX}字。",
    )
    address = forms.CharField(
        label="地点（选填）",
        required=False,
        max_length=ADDRESS_MAX,
        error_messages={"max_length": "地点" + _too_long(ADDRESS_MAX)},
        help_text="例如：青禾镇东街与人民路交叉口。",
    )
    lat = _coordinate_field("纬度", LAT_RANGE, example="28.194560")
    long = _coordinate_field("经度", LONG_RANGE, example="112.982279")
    photos = PhotosField(
        label="照片（选填）",
        required=False,
        widget=PhotoInput(attrs={"accept": "image/*"}),
    )
    contact_name = forms.CharField(
        label="您的姓名",
        max_length=NAME_MAX,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={
            "required": "请填写您的姓名，也可以只写姓，如“王女士”。",
            "max_length": "姓名" + _too_long(NAME_MAX),
        },
        help_text="也可以只写姓，如“王女士”。",
    )
    contact_phone = forms.CharField(
        label="手机号或固定电话",
        required=False,
        max_length=40,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
        error_messages={"max_length": "电话号码太长了，请核对。"},
        help_text=mark_safe('手机号11位；固定电话请带区号，如 <span class="num">0731-12345678</span>。'),
    )
    contact_email = forms.EmailField(
        label="电子邮箱（选填）",
        required=False,
        max_length=EMAIL_MAX,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={"invalid": "邮箱地址的格式不对，例如 wang@example.com。", "max_length": "邮箱地址太长了。"},
    )
    no_messages = forms.BooleanField(
        label="不用短信和邮件告诉我办理进度",
        required=False,
        help_text="勾选后，这个电话和邮箱以后都不再收到办理进度提醒；您仍可用受理编号和查询密码在网站上查看。",
    )
    is_public = forms.ChoiceField(
        label="是否同意公开",
        choices=[
            ("yes", "同意公开：隐去姓名、电话等个人信息后，留言和答复在网上公开，别人遇到同样的事也能看到"),
            ("no", "不公开：只有您和办理单位能看到"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "请选择是否同意公开。"},
        help_text="公开后，别人遇到同样的事也能看到答复。无论选哪个，您的姓名、电话、邮箱都不会公开。",
    )

    def __init__(self, *args, upload_problems=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.upload_problems = upload_problems or photo_rules.UploadProblems()
        choices, self.categories_fresh = category_choices()
        self.fields["category"].choices = [("", "请选择")] + choices
        self.answer_days = answer_days()
        # No maxlength on the details: a browser would silently cut a long paste; the counter warns instead.
        self.fields["details"].widget.attrs.pop("maxlength", None)
        self.fields["details"].widget.attrs["data-max-chars"] = DETAILS_MAX
        self.fields["photos"].help_text = (
            f"最多{settings.REQUEST_PHOTO_MAX_COUNT}张，每张不超过{photo_rules.max_megabytes()} MB。"
            "照片上的拍摄地点等信息会被去掉。"
        )

    @property
    def type_options(self):
        """The type radios with how long each may take, for the template."""
        return [
            {"value": value, "label": label, "hint": self._answer_hint(value)} for value, label in RequestType.choices
        ]

    def _answer_hint(self, request_type):
        days = self.answer_days.get(request_type)
        return f"{days}个工作日内答复" if days else ""

    @property
    def chosen_photos(self):
        return bool(self.files.getlist("photos")) if self.files else False

    def clean_title(self):
        return _plain_text(self.cleaned_data["title"])

    def clean_details(self):
        return _plain_text(self.cleaned_data["details"])

    def clean_category(self):
        pk = self.cleaned_data.get("category")
        category = Category.objects.filter(pk=pk, active=True).select_related("unit").first()
        if category is None:
            raise ValidationError("这个分类已经停用，请重新选一个。")
        return category

    def _coordinate(self, name):
        value = self.cleaned_data.get(name)
        return None if value is None else value.quantize(COORDINATE, rounding=ROUND_HALF_UP)

    def clean_lat(self):
        return self._coordinate("lat")

    def clean_long(self):
        return self._coordinate("long")

    def clean_photos(self):
        return photo_rules.clean_photos(self.cleaned_data.get("photos") or [], self.upload_problems)

    def clean_contact_name(self):
        return " ".join(self.cleaned_data["contact_name"].split())

    def clean_contact_phone(self):
        try:
            return normalize_phone(self.cleaned_data.get("contact_phone"))
        except ValueError:
            raise ValidationError(
                "电话号码不对：手机号是1开头的11位数字；固定电话请带区号，如 0731-12345678。"
            ) from None

    def clean_contact_email(self):
        return normalize_email(self.cleaned_data.get("contact_email"))

    def clean_is_public(self):
        return self.cleaned_data["is_public"] == "yes"

    def clean(self):
        data = super().clean()
        has_lat, has_long = data.get("lat") is not None, data.get("long") is not None
        if has_lat != has_long and "lat" not in self.errors and "long" not in self.errors:
            self.add_error("long" if has_lat else "lat", "地图位置要同时填纬度和经度；不清楚可以都不填。")
        if (
            not data.get("contact_phone")
            and not data.get("contact_email")
            and "contact_phone" not in self.errors
            and "contact_email" not in self.errors
        ):
            self.add_error("contact_phone", "请至少留一个电话或电子邮箱，办理单位要能联系到您。")
        return data

    def request_fields(self):
        """What ``handling.submit`` stores."""
        data = self.cleaned_data
        return {
            "request_type": data["request_type"],
            "category": data["category"],
            "title": data["title"],
            "details": data["details"],
            "address": data.get("address", ""),
            "lat": data.get("lat"),
            "long": data.get("long"),
            "contact_name": data["contact_name"],
            "contact_phone": data.get("contact_phone", ""),
            "contact_email": data.get("contact_email", ""),
            "is_public": data["is_public"],
        }

    def photo_models(self):
        return photo_rules.to_models(self.cleaned_data.get("photos") or [])


class QueryForm(TrackingQueryForm):
    # Asked only after too many wrong passwords for one number (see views.query).
    phone_last4 = forms.CharField(
        label="留言时所留手机号码的后四位",
        required=False,
        max_length=10,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    def clean_phone_last4(self):
        digits = re.sub(r"\s", "", self.cleaned_data["phone_last4"])
        if digits and not re.fullmatch(r"\d{4}", digits):
            raise ValidationError("请填写手机号码的最后4位数字。")
        return digits


class AddInformationForm(forms.Form):
    text = forms.CharField(
        label="补充内容",
        max_length=SUPPLEMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "请写下要补充的内容。", "max_length": "补充内容" + _too_long(SUPPLEMENT_MAX)},
    )

    def clean_text(self):
        return _plain_text(self.cleaned_data["text"])


RATING_REQUIRED = "请选择满意、基本满意或不满意。"


class RatingForm(forms.Form):
    rating = forms.ChoiceField(
        label="您的评价",
        choices=list(RATINGS.items()),
        widget=forms.RadioSelect,
        error_messages={"required": RATING_REQUIRED, "invalid_choice": RATING_REQUIRED},
    )
    comment = forms.CharField(
        label="想说的话（选填）",
        required=False,
        max_length=COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": "想说的话" + _too_long(COMMENT_MAX)},
    )

    def clean_comment(self):
        return _plain_text(self.cleaned_data.get("comment"))


class PublicFilterForm(forms.Form):
    """The public list's search and filters (a plain GET form); unknown values are ignored."""

    q = forms.CharField(label="关键词", required=False, max_length=50)
    unit = forms.ChoiceField(label="办理单位", required=False)
    category = forms.ChoiceField(label="分类", required=False)
    status = forms.ChoiceField(label="办理状态", required=False)

    def __init__(self, *args, units=(), categories=(), statuses=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [("", "全部单位")] + [(u.slug, u.name) for u in units]
        self.fields["category"].choices = [("", "全部分类")] + [(c.code, c.name) for c in categories]
        self.fields["status"].choices = [("", "全部状态")] + [(key, label) for key, label, _ in statuses]

    def value(self, name):
        """The cleaned value, or "" when it was missing or not one of the choices."""
        if not hasattr(self, "cleaned_data"):
            self.is_valid()
        return self.cleaned_data.get(name) or ""


ME_TOO_DETAILS_MAX = 500


class MeTooForm(HoneypotForm):
    """我也遇到了: the same problem as a public request, with what the resident wants to add (no name, no contact)."""

    details = forms.CharField(
        label="补充情况（选填）",
        required=False,
        max_length=ME_TOO_DETAILS_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": "补充情况" + _too_long(ME_TOO_DETAILS_MAX)},
        help_text="例如您遇到的时间、地点有什么不同。不要写姓名、电话。",
    )

    def clean_details(self):
        return _plain_text(self.cleaned_data.get("details"))


class SimilarQueryForm(forms.Form):
    """What the 留言 form sends while the resident types, to find requests about the same problem."""

    category = forms.IntegerField(required=False)
    title = forms.CharField(required=False, max_length=TITLE_MAX * 2)
    details = forms.CharField(required=False, max_length=DETAILS_MAX * 2)
    lat = forms.DecimalField(required=False, min_value=LAT_RANGE[0], max_value=LAT_RANGE[1])
    long = forms.DecimalField(required=False, min_value=LONG_RANGE[0], max_value=LONG_RANGE[1])

    def query(self):
        """(category id, text, lat, long), or None when there is not enough to compare (or it is malformed)."""
        if not self.is_valid() or not self.cleaned_data.get("category"):
            return None
        data = self.cleaned_data
        text = f"{_plain_text(data.get('title'))}\n{_plain_text(data.get('details'))}".strip()
        lat, long = data.get("lat"), data.get("long")
        if lat is None or long is None:
            lat = long = None
        if len(text) < 4 and lat is None:
            return None
        return data["category"], text, lat, long
