from django import forms
from django.conf import settings
from django.utils.html import format_html_join

from townsquare.units.models import Unit

from .sources import kinds

SORTS = [("relevance", "最相关"), ("time", "最新")]
# The filters under the search box, in their order; the dates are date inputs, the others drop-downs.
FILTER_FIELDS = ("type", "unit", "start", "end", "sort")
DATE_FIELDS = ("start", "end")
# Dates a filter may name: far from datetime's limits, so turning them into aware moments cannot overflow.
EARLIEST_YEAR, LATEST_YEAR = 1900, 9000
OUT_OF_RANGE = "out_of_range"


class SearchForm(forms.Form):
    q = forms.CharField(label="搜索", required=False, strip=True)
    type = forms.ChoiceField(label="类型", required=False)
    unit = forms.ModelChoiceField(
        label="发布单位", required=False, queryset=Unit.objects.none(), to_field_name="slug", empty_label="全部单位"
    )
    start = forms.DateField(
        label="起始日期",
        required=False,
        input_formats=["%Y-%m-%d"],
        error_messages={"invalid": "请按“年-月-日”填写，如 2026-01-31。"},
    )
    end = forms.DateField(
        label="截止日期",
        required=False,
        input_formats=["%Y-%m-%d"],
        error_messages={"invalid": "请按“年-月-日”填写，如 2026-12-31。"},
    )
    sort = forms.ChoiceField(label="排序", required=False, choices=SORTS)
    page = forms.IntegerField(required=False, min_value=1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["type"].choices = [("", "全部类型"), *kinds()]
        self.fields["type"].error_messages["invalid_choice"] = "没有这个类型，请从列表里选。"
        self.fields["unit"].queryset = Unit.objects.order_by("sort_order", "pk")
        self.fields["unit"].error_messages["invalid_choice"] = "没有这个单位，请从列表里选。"
        self.fields["sort"].error_messages["invalid_choice"] = "请选择“最相关”或“最新”。"

    def filter_fields(self):
        """[(bound field, its drop-down's <option>s as HTML, or None for a date)] of the filters."""
        return [(self[name], None if name in DATE_FIELDS else self._options(self[name])) for name in FILTER_FIELDS]

    @staticmethod
    def _options(bound):
        widget = bound.field.widget
        groups = widget.optgroups(bound.html_name, widget.format_value(bound.value()))
        options = (
            (option["value"], " selected" if option["selected"] else "", option["label"])
            for _, group, _ in groups
            for option in group
        )
        return format_html_join("", '<option value="{}"{}>{}</option>', options)

    def _in_range(self, name):
        day = self.cleaned_data.get(name)
        if day and not EARLIEST_YEAR <= day.year <= LATEST_YEAR:
            raise forms.ValidationError(
                f"日期超出范围，请填写{EARLIEST_YEAR}年至{LATEST_YEAR}年之间的日期。", code=OUT_OF_RANGE
            )
        return day

    def clean_start(self):
        return self._in_range("start")

    def clean_end(self):
        return self._in_range("end")

    def out_of_range(self):
        """True when a date is outside what can be searched: the answer is then a 400."""
        return any(self.has_error(name, OUT_OF_RANGE) for name in ("start", "end"))

    def clean_page(self):
        page = self.cleaned_data.get("page") or 1
        return min(page, settings.SEARCH_MAX_PAGE)

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", "截止日期不能早于起始日期。")
        return data

    def params(self):
        from .query import Params

        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        # Whatever is valid still counts; an invalid filter is left out and explained next to its field.
        if self.is_bound and not self.is_valid():
            data = {k: v for k, v in self.cleaned_data.items() if k not in self.errors}
        unit = data.get("unit")
        return Params(
            q=data.get("q") or self.data.get("q", "") or "",
            kinds=[data["type"]] if data.get("type") else [],
            unit_id=unit.pk if unit else None,
            date_from=data.get("start"),
            date_to=data.get("end"),
            sort=data.get("sort") or "relevance",
            page=data.get("page") or 1,
        )
