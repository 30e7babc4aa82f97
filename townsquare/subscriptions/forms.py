"""The public subscribe form: an address, what to follow, how often."""

from django import forms

from townsquare.core.forms import HoneypotForm, normalize_email
from townsquare.publishing.models import HomePage, PolicyTopic, SectionPage, UnitHomePage
from townsquare.units.models import Unit

from .models import LISTING_SUBSCRIPTION_KINDS, TOWN_KINDS, TOWN_SUBSCRIPTION_KINDS, Frequency, Kind


class ColumnChoiceField(forms.ModelChoiceField):
    """Columns labelled with their unit (青禾镇 · 通知公告); the units are read once, not per column."""

    def label_from_instance(self, obj):
        if not hasattr(self, "_homes"):
            homes = list(HomePage.objects.select_related("unit")) + list(UnitHomePage.objects.select_related("unit"))
            self._homes = {home.path: home.unit.display_name for home in homes if home.unit_id}
        unit = self._homes.get(obj.path[: -obj.steplen])
        return f"{unit} · {obj.title}" if unit else obj.title


class SubscribeForm(HoneypotForm):
    email = forms.EmailField(
        label="您的邮箱",
        max_length=254,
        help_text="我们先发一封确认邮件，点了里面的链接才开始订阅。",
        error_messages={"required": "请填写邮箱。", "invalid": "邮箱格式不对，请检查一下，如 zhangsan@example.com。"},
        widget=forms.EmailInput(attrs={"autocomplete": "email", "inputmode": "email"}),
    )
    kind = forms.ChoiceField(
        label="想订阅什么",
        choices=Kind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "请选择想订阅的内容。", "invalid_choice": "请选择想订阅的内容。"},
    )
    town = forms.ModelChoiceField(
        label="哪个镇街",
        queryset=Unit.objects.filter(kind__in=TOWN_KINDS).order_by("sort_order", "pk"),
        required=False,
        empty_label="请选择",
        help_text="停水停电、封路和天气预警按镇街发送；招聘和文旅活动不选镇街就是全县的。",
    )
    unit = forms.ModelChoiceField(
        label="哪个单位",
        queryset=Unit.objects.exclude(kind=Unit.Kind.VILLAGE).order_by("sort_order", "pk"),
        required=False,
        empty_label="请选择",
    )
    column = ColumnChoiceField(
        label="哪个栏目", queryset=SectionPage.objects.live().order_by("path"), required=False, empty_label="请选择"
    )
    topic = forms.ChoiceField(label="哪类政策", choices=[("", "请选择")] + PolicyTopic.choices, required=False)
    frequency = forms.ChoiceField(
        label="多久收一次",
        choices=Frequency.choices,
        initial=Frequency.IMMEDIATE,
        widget=forms.RadioSelect,
        help_text="停水停电、封路和天气预警总是马上发，不等汇总。",
        error_messages={"required": "请选择多久收一次。", "invalid_choice": "请选择多久收一次。"},
    )

    REQUIRED = {
        Kind.UNIT: ("unit", "请选择单位。"),
        Kind.COLUMN: ("column", "请选择栏目。"),
        Kind.TOPIC: ("topic", "请选择政策的主题分类。"),
    }

    def clean_email(self):
        return normalize_email(self.cleaned_data["email"])

    def clean(self):
        data = super().clean()
        kind = data.get("kind")
        if kind in TOWN_SUBSCRIPTION_KINDS and not data.get("town"):
            self.add_error("town", "请选择镇街。")
        elif kind in self.REQUIRED and not data.get(self.REQUIRED[kind][0]):
            self.add_error(*self.REQUIRED[kind])
        return data

    def target(self):
        """The fields of the subscription this form asks for (only those its kind uses)."""
        data, kind = self.cleaned_data, self.cleaned_data["kind"]
        return {
            "kind": kind,
            "unit": data["town"]
            if kind in TOWN_SUBSCRIPTION_KINDS | LISTING_SUBSCRIPTION_KINDS
            else data["unit"]
            if kind == Kind.UNIT
            else None,
            "column": data["column"] if kind == Kind.COLUMN else None,
            "topic": data["topic"] if kind == Kind.TOPIC else "",
        }


class WechatSubscribeForm(SubscribeForm):
    """The same choices without an address: the resident's WeChat, proven by the web authorisation, receives."""

    email = None
