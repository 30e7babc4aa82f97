"""What the public lists show and how they filter.

Every list starts from ``Model.objects.live()`` (approved, not expired) and selects what
its cards show, so that a page costs the same few queries however many items it holds.
Filters are GET forms; a value that does not make sense is reported next to its field and
left out, the other filters still apply.
"""

import datetime
from dataclasses import dataclass

from django import forms
from django.db.models import Prefetch, Q
from django.utils import timezone

from townsquare.units.models import Unit

from .models import (
    Attraction,
    EnrolmentNotice,
    Event,
    JobListing,
    Offer,
    RentalListing,
    RentalPhoto,
    School,
    TrafficNotice,
)


def towns():
    """Towns and streets for the filters, in the units' order (one query)."""
    return list(
        Unit.objects.filter(kind__in=[Unit.Kind.TOWN, Unit.Kind.STREET])
        .order_by("sort_order", "pk")
        .only("pk", "name", "short_name", "slug", "sort_order")
    )


def _choices(text_choices, empty="不限"):
    return [("", empty), *text_choices.choices]


class FilterForm(forms.Form):
    """A GET form of optional filters; each kind adds its own fields, their ``lookups`` and ``apply_kind``."""

    town = forms.ChoiceField(label="镇街", required=False)
    lookups = {}  # field name -> queryset lookup, applied with the field's value when it has a valid one

    def __init__(self, data=None, *, town_list=None):
        super().__init__(data or None)
        self.town_list = town_list if town_list is not None else towns()
        self.fields["town"].choices = [("", "全县")] + [(t.slug, t.display_name) for t in self.town_list]
        self.fields["town"].error_messages["invalid_choice"] = "没有这个镇街，请从列出的镇街中选。"

    def values(self):
        """The cleaned values that are valid (invalid ones are reported, not applied)."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value not in (None, "")}

    @property
    def filtered(self):
        return bool(self.values())

    def apply(self, queryset):
        values = self.values()
        for name, lookup in {"town": "town__slug", **self.lookups}.items():
            if name in values:
                queryset = queryset.filter(**{lookup: values[name]})
        return self.apply_kind(queryset, values)

    def apply_kind(self, queryset, values):
        return queryset


def _number(label, **kwargs):
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=0,
        max_value=10_000_000,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": "0"}),
        error_messages={
            "invalid": f"{label}请填整数，例如 2000。",
            "min_value": f"{label}不能小于0。",
            "max_value": f"{label}太大了，请核对。",
        },
        **kwargs,
    )


# Monthly equivalents for comparing pay of different periods (22 working days, 8 hours).
PAY_PER_MONTH = {JobListing.PayPeriod.MONTH: 1, JobListing.PayPeriod.DAY: 22, JobListing.PayPeriod.HOUR: 22 * 8}


class JobFilterForm(FilterForm):
    job_kind = forms.ChoiceField(label="岗位类型", required=False, choices=_choices(JobListing.Kind))
    pay_at_least = _number("月工资至少（元）", help_text="按每月22天、每天8小时折算日薪和时薪。")
    lookups = {"job_kind": "job_kind"}

    def apply_kind(self, queryset, values):
        if values.get("pay_at_least") is not None:
            wanted = values["pay_at_least"]
            pay = Q()
            for period, factor in PAY_PER_MONTH.items():
                pay |= Q(pay_period=period, pay_max__gte=-(-wanted // factor))
            queryset = queryset.filter(pay)
        return queryset


class RentalFilterForm(FilterForm):
    price_min = _number("月租金从（元）")
    price_max = _number("月租金到（元）")
    area_min = _number("面积从（平方米）")
    area_max = _number("面积到（平方米）")
    layout = forms.ChoiceField(label="户型", required=False, choices=_choices(RentalListing.Layout))
    lookups = {
        "price_min": "price__gte",
        "price_max": "price__lte",
        "area_min": "area__gte",
        "area_max": "area__lte",
        "layout": "layout",
    }

    def clean(self):
        data = super().clean()
        for low, high, label in (("price_min", "price_max", "租金"), ("area_min", "area_max", "面积")):
            if data.get(low) is not None and data.get(high) is not None and data[low] > data[high]:
                self.add_error(high, f"{label}的上限不能小于下限。")
        return data


class EducationFilterForm(FilterForm):
    school_kind = forms.ChoiceField(label="学段", required=False, choices=_choices(School.Kind))
    lookups = {"school_kind": "school_kind"}


class TrafficFilterForm(FilterForm):
    notice_kind = forms.ChoiceField(label="类型", required=False, choices=_choices(TrafficNotice.Kind))
    when = forms.ChoiceField(
        label="时间", required=False, choices=[("", "正在执行和即将开始"), ("now", "正在执行"), ("soon", "即将开始")]
    )
    lookups = {"notice_kind": "notice_kind"}

    def apply_kind(self, queryset, values):
        now = timezone.now()
        if values.get("when") == "now":
            queryset = queryset.filter(starts_at__lte=now)
        elif values.get("when") == "soon":
            queryset = queryset.filter(starts_at__gt=now)
        return queryset


class EventFilterForm(FilterForm):
    category = forms.ChoiceField(label="活动类型", required=False, choices=_choices(Event.Category))
    free = forms.ChoiceField(label="票价", required=False, choices=[("", "不限"), ("1", "只看免费")])
    lookups = {"category": "category"}

    def apply_kind(self, queryset, values):
        if values.get("free") == "1":
            queryset = queryset.filter(Q(price="") | Q(price="免费"))
        return queryset


class OfferFilterForm(FilterForm):
    offer_kind = forms.ChoiceField(label="类型", required=False, choices=_choices(Offer.Kind))
    lookups = {"offer_kind": "offer_kind"}


# --- the rows of each list (select what cards show) ---------------------------------------------------


def jobs():
    return JobListing.objects.live().select_related("town", "unit").order_by("-published_at", "-pk")


def rentals():
    first_photos = Prefetch("photos", queryset=RentalPhoto.objects.order_by("sort_order", "pk"), to_attr="photo_list")
    return (
        RentalListing.objects.live()
        .select_related("town", "unit")
        .prefetch_related(first_photos)
        .order_by("-published_at", "-pk")
    )


def enrolment_notices():
    return EnrolmentNotice.objects.live().select_related("town", "unit", "school").order_by("ends_on", "pk")


def traffic_notices():
    return TrafficNotice.objects.live().select_related("town", "unit").order_by("starts_at", "pk")


def events():
    return Event.objects.live().select_related("town", "unit").order_by("starts_at", "pk")


def offers():
    return Offer.objects.live().select_related("town", "unit").order_by("valid_until", "pk")


def schools():
    return School.objects.filter(is_shown=True).select_related("town").order_by("school_kind", "name")


def attractions():
    return Attraction.objects.filter(is_shown=True).select_related("town").order_by("name")


@dataclass(frozen=True)
class KindPage:
    """One kind's public list: its address segment, words, rows and filters."""

    kind: str
    slug: str
    label: str
    title: str
    intro: str
    icon: str
    rows: object
    filter_form: type
    submit_label: str = ""


KIND_PAGES = {
    page.kind: page
    for page in (
        KindPage(
            "jobs",
            "zhaopin",
            "招聘",
            "家门口的工作",
            "县里和各镇街的用工信息，全职、兼职和公益性岗位。",
            "briefcase",
            jobs,
            JobFilterForm,
            "我要招人",
        ),
        KindPage(
            "rentals",
            "zufang",
            "租房",
            "房源和租金",
            "个人和单位出租的住房、商铺，都经过审核。",
            "house",
            rentals,
            RentalFilterForm,
            "我有房出租",
        ),
        KindPage(
            "education",
            "jiaoyu",
            "教育",
            "学校和招生",
            "招生报名时间，以及全县学校的地址、学区和电话。",
            "graduation-cap",
            enrolment_notices,
            EducationFilterForm,
        ),
        KindPage(
            "traffic",
            "jiaotong",
            "交通",
            "封路、绕行、公交",
            "正在执行和即将开始的封路、绕行和公交调整。",
            "bus",
            traffic_notices,
            TrafficFilterForm,
        ),
        KindPage(
            "culture",
            "wenlv",
            "文旅",
            "活动和景点",
            "演出、展览、节庆和景点开放时间。",
            "landmark",
            events,
            EventFilterForm,
        ),
        KindPage(
            "offers",
            "xiaofei",
            "消费",
            "优惠和消费券",
            "本地商家的优惠和政府发放的消费券，注意有效期和使用条件。",
            "shopping-bag",
            offers,
            OfferFilterForm,
            "我是商家，发布优惠",
        ),
    )
}


# --- the events calendar ----------------------------------------------------------------------------


def parse_month(value, today=None):
    """A (year, month) from ``YYYY-MM``; this month when missing or not a month."""
    today = today or timezone.localdate()
    try:
        year, month = (int(part) for part in (value or "").split("-"))
        datetime.date(year, month, 1)
        if not 2000 <= year <= 2100:
            raise ValueError
        return year, month
    except (ValueError, TypeError):
        return today.year, today.month


def month_events(year, month):
    """Live events touching the month, by local day: {date: [event, ...]}."""
    first = datetime.date(year, month, 1)
    following = datetime.date(year + (month == 12), month % 12 + 1, 1)
    tz = timezone.get_current_timezone()
    start = datetime.datetime.combine(first, datetime.time.min, tzinfo=tz)
    end = datetime.datetime.combine(following, datetime.time.min, tzinfo=tz)
    days = {}
    for event in events().filter(starts_at__lt=end, ends_at__gt=start):
        day = max(timezone.localtime(event.starts_at).date(), first)
        last = min(timezone.localtime(event.ends_at).date(), following - datetime.timedelta(days=1))
        while day <= last:
            days.setdefault(day, []).append(event)
            day += datetime.timedelta(days=1)
    return days
