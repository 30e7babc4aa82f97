"""公众号归档 in the admin: upload an archive, watch the import, read the report, approve the batch."""

import re
import uuid
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.views import View
from django.views.generic import FormView, TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from townsquare.channels.models import Channel
from townsquare.core.varfiles import private_dir
from townsquare.units.access import may_act_on, scope, units_for
from townsquare.units.permissions import StaffOnlyMixin

from .importing import ARTICLE_SUFFIXES
from .models import ImportRun, ImportRunItem
from .tasks import run_import

LIST_URL_NAME = "archive_imports"
UPLOAD_URL_NAME = "archive_upload"
PROGRESS_URL_NAME = "archive_progress"
APPROVE_URL_NAME = "archive_approve"
UPLOAD_SUFFIXES = ARTICLE_SUFFIXES | {".zip"}


def admin_urls():
    return [
        path("guidang/", ImportListView.as_view(), name=LIST_URL_NAME),
        path("guidang/shangchuan/", UploadView.as_view(), name=UPLOAD_URL_NAME),
        path("guidang/<int:pk>/", ProgressView.as_view(), name=PROGRESS_URL_NAME),
        path("guidang/<int:pk>/pizhun/", ApproveView.as_view(), name=APPROVE_URL_NAME),
    ]


class UploadForm(forms.Form):
    unit = forms.ModelChoiceField(label="归入哪个单位", queryset=None, empty_label="请选择单位")
    channel = forms.ModelChoiceField(
        label="原账号（渠道登记）",
        queryset=None,
        required=False,
        empty_label="（未登记的账号，在下面填名称）",
        help_text="选了原账号，导入完成后它的登记记录会链接到归档栏目。",
    )
    account_name = forms.CharField(
        label="原公众号名称", max_length=80, required=False, help_text="没选原账号时必填，如：青禾镇发布。"
    )
    upload = forms.FileField(
        label="归档文件",
        help_text="保存的公众号文章文件夹打成的 .zip（含各篇的 _files 图片文件夹），或单个 .html、RSS/Atom（.xml）、"
        ".csv、.json 文件。出错时请重新选择文件，其他填写的内容会保留。",
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        units = units_for(user)  # county staff import for any unit, a unit's own staff for theirs
        self.fields["unit"].queryset = units
        self.fields["channel"].queryset = (
            Channel.objects.filter(unit__in=units).exclude(kind=Channel.Kind.PLATFORM).select_related("unit")
        )
        self.fields["channel"].label_from_instance = lambda c: (
            f"{c.unit.display_name} · {c}（{c.get_status_display()}）"
        )

    def clean_upload(self):
        upload = self.cleaned_data["upload"]
        suffix = Path(upload.name).suffix.lower()
        if suffix not in UPLOAD_SUFFIXES:
            raise forms.ValidationError("不支持这种文件：请上传 .zip、.html、.xml、.csv 或 .json。")
        if upload.size > settings.ARCHIVE_MAX_UPLOAD_BYTES:
            limit = settings.ARCHIVE_MAX_UPLOAD_BYTES // 1024 // 1024
            raise forms.ValidationError(f"文件太大（上限 {limit} MB）：请分成几个压缩包分别上传。")
        return upload

    def clean(self):
        data = super().clean()
        unit, channel = data.get("unit"), data.get("channel")
        if channel is not None and unit is not None and channel.unit_id != unit.pk:
            self.add_error("channel", f"这个账号不属于{unit.display_name}。")
        if channel is None and not (data.get("account_name") or "").strip():
            self.add_error("account_name", "请选择原账号，或填写原公众号名称。")
        return data


def save_upload(upload):
    # Uploads may hold what was never published: our own user only, as the rest of var/.
    folder = private_dir(Path(settings.ARCHIVE_UPLOAD_DIR) / uuid.uuid4().hex)
    private_dir(folder.parent)
    name = re.sub(r"[^\w.\-]+", "_", Path(upload.name).name).lstrip(".") or "upload"
    target = folder / name
    with open(target, "wb") as out:
        for chunk in upload.chunks():
            out.write(chunk)
    return target


class ImportListView(StaffOnlyMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "archive/admin/list.html"
    page_title = "公众号归档"
    header_icon = "folder-inverse"

    def get_breadcrumbs_items(self):
        return [{"url": "", "label": "公众号归档"}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        runs = scope(self.request.user, ImportRun.objects.select_related("unit", "created_by"), media_center=True)
        context["runs"] = runs[:50]
        context["upload_url"] = reverse(UPLOAD_URL_NAME)
        return context


class UploadView(StaffOnlyMixin, WagtailAdminTemplateMixin, FormView):
    template_name = "archive/admin/upload.html"
    form_class = UploadForm
    page_title = "上传归档"
    header_icon = "upload"

    def get_breadcrumbs_items(self):
        return [{"url": reverse(LIST_URL_NAME), "label": "公众号归档"}, {"url": "", "label": "上传归档"}]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form):
        ImportRun.fail_stale_runs()  # a run killed mid-way no longer shows "导入中"
        data = form.cleaned_data
        target = save_upload(data["upload"])
        channel = data.get("channel")
        run = ImportRun.objects.create(
            unit=data["unit"],
            channel=channel,
            account_name=(data.get("account_name") or "").strip() or channel.name,
            source=Path(data["upload"].name).name[:500],
            upload_path=str(target),
            created_by=self.request.user,
        )
        run_import.enqueue(run.pk)
        return redirect(PROGRESS_URL_NAME, pk=run.pk)


class RunMixin:
    """The run in the URL, for staff of its unit, the county and the media centre (the final reviewers)."""

    def dispatch(self, request, *args, pk, **kwargs):
        self.run = get_object_or_404(ImportRun.objects.select_related("unit", "index_page", "channel"), pk=pk)
        if not may_act_on(request.user, self.run.unit_id, media_center=True):
            raise PermissionDenied
        return super().dispatch(request, *args, pk=pk, **kwargs)


class ProgressView(StaffOnlyMixin, RunMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "archive/admin/progress.html"
    header_icon = "folder-inverse"
    refresh_seconds = 2

    def get_page_title(self):
        return f"导入：{self.run.account_name}"

    def get_breadcrumbs_items(self):
        return [{"url": reverse(LIST_URL_NAME), "label": "公众号归档"}, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        run = self.run
        context["run"] = run
        context["refresh_seconds"] = None if run.is_finished else self.refresh_seconds
        if run.is_finished:
            items = run.items.order_by("position")
            context["problems"] = items.exclude(outcome=ImportRunItem.Outcome.IMPORTED)
            context["notes"] = items.filter(outcome=ImportRunItem.Outcome.IMPORTED).exclude(reason="")
            context["imported_items"] = items.filter(outcome=ImportRunItem.Outcome.IMPORTED).select_related("page")[
                :200
            ]
            context["awaiting_approval"] = run.awaiting_approval
            context["may_approve"] = run.awaiting_approval and run.may_approve(self.request.user)
        return context


class ApproveView(StaffOnlyMixin, RunMixin, View):
    """批准并发布这一批: every draft of the run goes live, logged with the approver."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        run = self.run
        if not run.may_approve(request.user):
            messages.error(request, "你没有发布权限：这一批需要由有发布权限的审核人员批准。")
        elif not run.awaiting_approval:
            messages.warning(request, "这一批没有等待审核的文章。")
        else:
            count = run.approve(request.user)
            messages.success(request, f"已批准并发布这一批的 {count} 篇文章。")
            for page, holds in run.held:
                messages.warning(request, f"“{page.title}”暂未发布：{holds[0].message}（{holds[0].url}）")
        return redirect(PROGRESS_URL_NAME, pk=run.pk)
