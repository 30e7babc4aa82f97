"""Archives of closed accounts (并入属地政府网站): their articles become pages of the owning unit.

- ``ArchiveIndexPage``: one per account archive, a child of the unit's home page.
- ``ArchivePage``: one imported article, dated with its ORIGINAL publish time, with a source line.
- ``ArchiveItemKey``: which source item (by its own ids, else url, else content hash) became which
  page, unique per unit: importing again, or the same article saved twice, adds nothing twice.
- ``ImportRun`` / ``ImportRunItem``: one import and its per-item outcome, for the report. A run
  uploaded in the admin makes drafts, a batch that goes live only when someone who may publish in
  that unit's section (or the 三审 final reviewer) approves it.
"""

from datetime import timedelta

from django.conf import settings
from django.core.paginator import Paginator
from django.db import models, transaction
from django.db.models.functions import Coalesce
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from townsquare.publishing.models import RICH_TEXT_FEATURES, UnitOwnedMixin
from townsquare.publishing.workflows import publish_holds
from townsquare.units.models import FINAL_REVIEW_GROUP, Unit

ARCHIVE_PAGE_SIZE = 20


def source_line(account_name):
    return f"来源：{account_name}公众号（已停更）"


class ArchiveIndexPage(UnitOwnedMixin, Page):
    """The archive of one closed account: its articles, newest original date first."""

    unit = models.ForeignKey(Unit, verbose_name="所属单位", on_delete=models.PROTECT, related_name="+")
    account_name = models.CharField("原账号名称", max_length=80)
    intro = models.TextField(
        "说明",
        blank=True,
        help_text="告诉读者：这个账号已停止更新，原来的文章收在这里；新的消息到哪里看。",
    )

    content_panels = Page.content_panels + [FieldPanel("unit"), FieldPanel("account_name"), FieldPanel("intro")]
    parent_page_types = ["publishing.UnitHomePage", "publishing.HomePage"]
    subpage_types = ["archive.ArchivePage"]
    template = "archive/archive_index_page.html"

    class Meta:
        verbose_name = "公众号归档"
        verbose_name_plural = "公众号归档"

    @property
    def source_line(self):
        return source_line(self.account_name)

    def articles(self):
        return (
            ArchivePage.objects.live()
            .child_of(self)
            .only("id", "title", "url_path", "path", "depth", "original_published_at", "summary")
            .order_by("-original_published_at", "-pk")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        paginator = Paginator(self.articles(), ARCHIVE_PAGE_SIZE)
        context["page_obj"] = paginator.get_page(request.GET.get("page"))
        context["unit"] = self.unit
        return context


class ArchivePage(UnitOwnedMixin, Page):
    """An article of a closed account, kept with its original date and a line saying where it came from."""

    unit = models.ForeignKey(Unit, verbose_name="发布单位", on_delete=models.PROTECT, related_name="+")
    account_name = models.CharField("原账号名称", max_length=80)
    original_published_at = models.DateTimeField("原发布时间", db_index=True)
    original_url = models.URLField("原文链接", max_length=1000, blank=True)
    summary = models.TextField("摘要", blank=True)
    body = RichTextField("正文", blank=True, features=RICH_TEXT_FEATURES)

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("unit"),
                FieldPanel("account_name"),
                FieldPanel("original_published_at"),
                FieldPanel("original_url"),
            ],
            heading="原账号与原发布时间",
        ),
    ]
    search_fields = Page.search_fields + [index.SearchField("body"), index.FilterField("unit")]
    parent_page_types = ["archive.ArchiveIndexPage"]
    subpage_types = []
    template = "archive/archive_page.html"

    class Meta:
        verbose_name = "归档文章"
        verbose_name_plural = "归档文章"

    @property
    def source_line(self):
        return source_line(self.account_name)

    @property
    def published_at(self):
        return self.original_published_at


class ArchiveItemKey(models.Model):
    """Identity of an imported item within a unit: ``wx:biz:mid:idx``, ``url:…`` or ``sha1:…``."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    key = models.CharField("来源标识", max_length=255)
    page = models.ForeignKey(ArchivePage, on_delete=models.CASCADE, related_name="keys")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "归档条目标识"
        verbose_name_plural = "归档条目标识"
        constraints = [models.UniqueConstraint(fields=["unit", "key"], name="archive_unique_key_per_unit")]

    def __str__(self):
        return self.key


class ImportRun(models.Model):
    """One import (command line or admin upload) with its counts; the items hold the reasons."""

    class State(models.TextChoices):
        PENDING = "pending", "排队中"
        RUNNING = "running", "导入中"
        DONE = "done", "已完成"
        FAILED = "failed", "出错停止"

    unit = models.ForeignKey(Unit, verbose_name="单位", on_delete=models.CASCADE, related_name="+")
    channel = models.ForeignKey(
        "channels.Channel", verbose_name="原账号", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    account_name = models.CharField("原账号名称", max_length=80)
    source = models.CharField("导入来源", max_length=500)
    upload_path = models.CharField("上传文件位置", max_length=500, blank=True)
    index_page = models.ForeignKey(
        ArchiveIndexPage, verbose_name="归档栏目", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    state = models.CharField("状态", max_length=10, choices=State.choices, default=State.PENDING)
    error = models.TextField("出错原因", blank=True)
    total = models.PositiveIntegerField("条目总数", default=0)
    processed = models.PositiveIntegerField("已处理", default=0)
    imported = models.PositiveIntegerField("导入", default=0)
    skipped = models.PositiveIntegerField("跳过", default=0)
    failed = models.PositiveIntegerField("失败", default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="操作人", null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField("提交时间", default=timezone.now)
    started_at = models.DateTimeField("开始时间", null=True, blank=True)
    progressed_at = models.DateTimeField("最近进展", null=True, blank=True)
    finished_at = models.DateTimeField("结束时间", null=True, blank=True)
    needs_review = models.BooleanField("需审核发布", default=False)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="批准人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    approved_at = models.DateTimeField("批准时间", null=True, blank=True)

    class Meta:
        verbose_name = "归档导入"
        verbose_name_plural = "归档导入"
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.account_name} {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def is_finished(self):
        return self.state in (self.State.DONE, self.State.FAILED)

    @property
    def percent(self):
        if self.is_finished:
            return 100
        return int(self.processed * 100 / self.total) if self.total else 0

    @classmethod
    def fail_stale_runs(cls, now=None):
        """Runs whose progress stopped moving ARCHIVE_STALE_RUN_MINUTES ago were killed: mark them failed."""
        now = now or timezone.now()
        cutoff = now - timedelta(minutes=settings.ARCHIVE_STALE_RUN_MINUTES)
        stale = cls.objects.filter(state=cls.State.RUNNING).alias(
            moved=Coalesce("progressed_at", "started_at", "created_at")
        )
        return stale.filter(moved__lt=cutoff).update(
            state=cls.State.FAILED,
            finished_at=now,
            error="导入中断：长时间没有进展（导入进程可能被停止）。重新上传同一个文件即可接着导入，已导入的文章不会重复。",
        )

    def pending_pages(self):
        """The drafts this run made that are not live yet."""
        page_ids = self.items.filter(outcome=ImportRunItem.Outcome.IMPORTED).values("page_id")
        return ArchivePage.objects.filter(pk__in=page_ids, live=False).order_by("original_published_at", "pk")

    @property
    def awaiting_approval(self):
        return self.needs_review and self.is_finished and self.approved_at is None and self.imported > 0

    def may_approve(self, user):
        """Who may publish in that unit's section (Wagtail page permission), or the 三审 final reviewer."""
        if not (user and user.is_active):
            return False
        if user.is_superuser or user.groups.filter(name=FINAL_REVIEW_GROUP).exists():
            return True
        index = self.index_page
        return index is not None and index.permissions_for_user(user).can_publish_subpage()

    @transaction.atomic
    def approve(self, user):
        """Publish every draft of the batch as ``user`` (Wagtail logs each publish with them).

        A draft a publish check holds back (``townsquare_before_publish_checks``: e.g. an ID number
        in it) stays a draft and is listed in ``held`` as ``(page, holds)``; the batch then stays
        awaiting approval, and approving it again later publishes what was held once it is resolved.
        """
        count, self.held = 0, []
        for page in self.pending_pages().select_related("latest_revision"):
            if page.latest_revision is None:
                continue
            holds = publish_holds(page, user)
            if holds:
                self.held.append((page, holds))
                continue
            # Checked by may_approve(): the final reviewer publishes through 三审, not a page permission.
            page.latest_revision.publish(user=user, skip_permission_checks=True)
            count += 1
        if not self.held:
            self.approved_by, self.approved_at = user, timezone.now()
            self.save(update_fields=["approved_by", "approved_at"])
        return count


class ImportRunItem(models.Model):
    class Outcome(models.TextChoices):
        IMPORTED = "imported", "已导入"
        SKIPPED = "skipped", "跳过"
        FAILED = "failed", "失败"

    run = models.ForeignKey(ImportRun, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveIntegerField("序号")
    name = models.CharField("文件或条目", max_length=500)
    title = models.CharField("标题", max_length=255, blank=True)
    key = models.CharField("来源标识", max_length=255, blank=True)
    outcome = models.CharField("结果", max_length=10, choices=Outcome.choices)
    reason = models.CharField("原因", max_length=500, blank=True)
    page = models.ForeignKey(ArchivePage, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = "导入条目"
        verbose_name_plural = "导入条目"
        ordering = ["run", "position", "pk"]

    def __str__(self):
        return f"{self.name}: {self.get_outcome_display()}"
