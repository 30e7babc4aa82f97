"""征求意见的页面和居民意见.

A consultation is a Wagtail page in its unit's 征求意见 column, so revisions, the 三审 workflow, scheduling
and search apply as to any publication; its 采纳情况 is page content too, published the same way once it
has closed. Residents' comments are plain rows, moderated by the unit's staff in the admin.
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Q
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from townsquare.core import pagecache
from townsquare.publishing.models import ArticlePage, UnitOwnedMixin

from .blocks import DraftBlock, anchor


class ConsultationIndexPage(UnitOwnedMixin, Page):
    """A unit's 征求意见 column; the county home's lists every unit's consultations (also at /zhengqiu/)."""

    intro = models.TextField("简介", blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["publishing.HomePage", "publishing.UnitHomePage"]
    subpage_types = ["consultations.ConsultationPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = "征求意见栏目"
        verbose_name_plural = "征求意见栏目"

    def serve(self, request, *args, **kwargs):
        from .views import consultation_list

        return consultation_list(request, self)


class ConsultationPage(RoutablePageMixin, ArticlePage):
    """One draft put to residents: background, the text paragraph by paragraph, the questions, the period."""

    class Kind(models.TextChoices):
        POLICY = "policy", "政策文件"
        PLAN = "plan", "规划计划"
        PROJECT = "project", "民生项目"
        OTHER = "other", "其他"

    class Status(models.TextChoices):
        UPCOMING = "upcoming", "未开始"
        OPEN = "open", "征求中"
        CLOSED = "closed", "已结束"

    summary_required = True
    keeps_detail = False  # its detail follows the comments and the clock: built with the page
    kind = models.CharField("草案类型", max_length=10, choices=Kind.choices, default=Kind.POLICY)
    opens_at = models.DateTimeField("开始时间", default=timezone.now)
    closes_at = models.DateTimeField("截止时间", help_text="默认至少30天；更短要写明原因。")
    short_period_reason = models.TextField(
        "征求期较短的原因",
        blank=True,
        help_text="征求期短于规定天数时必填，会在页面上公开显示。",
    )
    draft = StreamField(DraftBlock(), verbose_name="草案正文", blank=True)
    questions = models.TextField(
        "想听听您的看法", blank=True, help_text="一行一个问题，如：补助标准定在每户2000元合适吗？"
    )
    how_to_respond = models.TextField(
        "其他提意见方式",
        blank=True,
        help_text="网上留言之外的方式，如：信件寄到县民政局（人民路1号），电话 0000-1234567（工作日）。",
    )
    final_document = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name="正式文件",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="定稿发布后选上：两页互相链接。",
    )
    adoption_report = models.TextField(
        "采纳情况说明",
        blank=True,
        help_text="征求意见结束后填写：总体采纳情况；每条意见的采纳与否和理由在“征求意见”管理页里填。",
    )
    adoption_published_at = models.DateTimeField("采纳情况公布时间", null=True, blank=True, editable=False)

    parent_page_types = ["consultations.ConsultationIndexPage"]
    template = "consultations/consultation_page.html"

    search_fields = ArticlePage.search_fields + [index.SearchField("draft"), index.SearchField("questions")]

    content_panels = (
        Page.content_panels
        + [
            FieldPanel("kind"),
            FieldPanel("summary"),
            MultiFieldPanel(
                [FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]), FieldPanel("short_period_reason")],
                heading="征求期",
            ),
            FieldPanel("body", heading="起草背景"),
            FieldPanel("draft"),
            FieldPanel("questions"),
            FieldPanel("how_to_respond"),
            MultiFieldPanel(
                [FieldPanel("adoption_report"), PageChooserPanel("final_document")], heading="采纳情况与正式文件"
            ),
            FieldPanel("cover_image"),
        ]
        + ArticlePage.meta_panels
    )

    class Meta:
        verbose_name = "征求意见"
        verbose_name_plural = "征求意见"

    # --- rules ------------------------------------------------------------------------------------------

    def clean(self):
        super().clean()
        errors = {}
        if self.opens_at and self.closes_at:
            if self.closes_at <= self.opens_at:
                errors["closes_at"] = "截止时间要晚于开始时间。"
            elif self.is_short() and not self.short_period_reason.strip():
                errors["short_period_reason"] = (
                    f"征求期不到{settings.CONSULTATION_MIN_DAYS}天，请写明原因（会在页面上公开）。"
                )
        if self.adoption_report.strip() and self.closes_at and self.closes_at > timezone.now():
            errors["adoption_report"] = "征求意见结束后才能发布采纳情况。"
        if errors:
            raise ValidationError(errors)

    def is_short(self):
        return self.closes_at - self.opens_at < timedelta(days=settings.CONSULTATION_MIN_DAYS)

    # --- state ------------------------------------------------------------------------------------------

    def status(self, now=None):
        now = now or timezone.now()
        if now < self.opens_at:
            return self.Status.UPCOMING
        if now <= self.closes_at:
            return self.Status.OPEN
        return self.Status.CLOSED

    def status_label(self, now=None):
        return self.Status(self.status(now)).label

    def is_open(self, now=None):
        return self.status(now) == self.Status.OPEN

    def days_left(self, now=None):
        """Whole days until it closes, today counted (0 once closed)."""
        now = now or timezone.now()
        if self.status(now) == self.Status.CLOSED:
            return 0
        return (timezone.localtime(self.closes_at).date() - timezone.localtime(now).date()).days + 1

    def has_adoption_report(self):
        return bool(self.adoption_report.strip()) and self.status() == self.Status.CLOSED

    def question_list(self):
        return [line.strip() for line in self.questions.splitlines() if line.strip()]

    def paragraphs(self):
        """The draft as shown: headings and numbered paragraphs, each paragraph with its anchor."""
        shown, number = [], 0
        for block in self.draft:
            if block.block_type == "heading":
                shown.append({"heading": block.value})
            else:
                number += 1
                shown.append({"number": number, "anchor": anchor(block.id), "text": block.value})
        return shown

    def paragraph(self, anchor_name):
        """The paragraph with this anchor, or None."""
        return next((p for p in self.paragraphs() if p.get("anchor") == anchor_name), None)

    @classmethod
    def listing(cls):
        return super().listing().defer("draft", "adoption_report", "questions", "how_to_respond")

    # --- pages ------------------------------------------------------------------------------------------

    @path("")
    def draft_page(self, request):
        from .views import consultation_detail

        return consultation_detail(request, self)

    @path("yijian/")
    def comment_page(self, request):
        from .views import comment_form

        return comment_form(request, self)


class CommentQuerySet(models.QuerySet):
    def public(self):
        return self.filter(status=Comment.Status.PUBLISHED)

    def for_staff(self):
        return self.select_related("consultation", "moderated_by")

    def counts(self):
        """Received, waiting for moderation, published and decided, in one query."""
        return self.aggregate(
            received=Count("pk"),
            pending=Count("pk", filter=Q(status=Comment.Status.PENDING)),
            published=Count("pk", filter=Q(status=Comment.Status.PUBLISHED)),
            adopted=Count("pk", filter=Q(decision=Comment.Decision.ADOPTED)),
            partly=Count("pk", filter=Q(decision=Comment.Decision.PARTLY)),
            not_adopted=Count("pk", filter=Q(decision=Comment.Decision.NOT_ADOPTED)),
            other=Count("pk", filter=Q(decision=Comment.Decision.OTHER)),
        )


class Comment(models.Model):
    """A resident's opinion on a draft, on the whole or on one paragraph. Name and contact never go public."""

    class Status(models.TextChoices):
        PENDING = "pending", "待审核"
        PUBLISHED = "published", "已公开"
        HIDDEN = "hidden", "不公开"

    class Decision(models.TextChoices):
        UNDECIDED = "", "未答复"
        ADOPTED = "adopted", "采纳"
        PARTLY = "partly", "部分采纳"
        NOT_ADOPTED = "not_adopted", "未采纳"
        OTHER = "other", "不属于本次征求意见内容"

    consultation = models.ForeignKey(
        ConsultationPage, verbose_name="征求意见", on_delete=models.CASCADE, related_name="comments"
    )
    paragraph_anchor = models.CharField("针对段落", max_length=20, blank=True)
    paragraph_number = models.PositiveIntegerField("段落序号", null=True, blank=True)
    text = models.TextField("意见")
    name = models.CharField("姓名", max_length=40)
    phone = models.CharField("电话", max_length=30, blank=True)
    email = models.EmailField("电子邮箱", blank=True)
    wants_public = models.BooleanField("同意公开意见", default=False)
    status = models.CharField("审核状态", max_length=10, choices=Status.choices, default=Status.PENDING)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    moderated_at = models.DateTimeField("审核时间", null=True, blank=True)
    decision = models.CharField("采纳情况", max_length=12, choices=Decision.choices, blank=True, default="")
    decision_reason = models.TextField("理由", blank=True)
    gist = models.CharField(
        "意见要点", max_length=200, blank=True, help_text="原文不公开时，采纳情况里显示的要点（不写个人信息）。"
    )
    submission_key = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField("提交时间", default=timezone.now, db_index=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = "居民意见"
        verbose_name_plural = "居民意见"

    def __str__(self):
        return f"{self.consultation_id}：{self.text[:20]}"

    @property
    def is_public(self):
        return self.status == self.Status.PUBLISHED

    @property
    def paragraph_label(self):
        return f"第{self.paragraph_number}段" if self.paragraph_number else "整体意见"

    def public_text(self):
        """What the 采纳情况 shows of this comment: its text when published, else the staff's 要点."""
        if self.is_public:
            return self.text
        return self.gist or "（提意见的居民未同意公开原文）"


def cache_until_status_changes(page, now=None):
    """A cached page showing a consultation is right only until it opens or closes."""
    now = now or timezone.now()
    for moment in (page.opens_at, page.closes_at):
        if moment > now:
            pagecache.valid_until(moment + timedelta(seconds=1))
            return
