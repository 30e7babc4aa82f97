"""The public privacy notice, and the supervisors' search of who read residents' personal data."""

from datetime import datetime, time

from django import forms
from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from townsquare.units.permissions import StaffOnlyMixin

from .models import PersonalDataAccess

PER_PAGE = 50


def notice(request):
    days = settings.PERSONAL_DATA_RETENTION_DAYS
    kept = f"{days // 365}年" if days % 365 == 0 else f"{days}天"
    return render(request, "privacy/notice.html", {"retention": kept})


class AccessLogFilter(forms.Form):
    user = forms.CharField(label="查看人（用户名）", required=False, max_length=150)
    case = forms.CharField(label="办件编号", required=False, max_length=40)
    start = forms.DateField(label="从", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label="到", required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            raise forms.ValidationError("开始日期不能晚于结束日期。")
        return data

    def filter(self, queryset):
        data = self.cleaned_data
        if data["user"]:
            queryset = queryset.filter(username__icontains=data["user"].strip())
        if data["case"]:
            queryset = queryset.filter(case=data["case"].strip())
        zone = timezone.get_current_timezone()
        if data["start"]:
            queryset = queryset.filter(at__gte=datetime.combine(data["start"], time.min, tzinfo=zone))
        if data["end"]:
            queryset = queryset.filter(at__lte=datetime.combine(data["end"], time.max, tzinfo=zone))
        return queryset


class AccessLogView(StaffOnlyMixin, WagtailAdminTemplateMixin, TemplateView):
    """个人信息查看记录: county staff (supervisors) search by user, date range and case."""

    county_only = True
    template_name = "privacy/admin/access_log.html"
    page_title = "个人信息查看记录"
    header_icon = "history"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = AccessLogFilter(self.request.GET or None)
        rows = PersonalDataAccess.objects.all()
        if form.is_bound and form.is_valid():
            rows = form.filter(rows)
        elif form.is_bound:
            rows = rows.none()
        context["form"] = form
        context["page"] = Paginator(rows, PER_PAGE).get_page(self.request.GET.get("p"))
        return context
