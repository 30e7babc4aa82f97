"""A survey is a Wagtail page of a unit (revisions, 三审, scheduling); its questions are inline children;
residents' answers are plain rows, one response per person (``respondent_key``, never the contact)."""

from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Orderable, Page
from wagtail.search import index

from townsquare.core import pagecache
from townsquare.publishing.models.articles import UnitOwnedMixin
from townsquare.units.models import Unit

from .admin_forms import SurveyPageForm


class SurveyIndexPage(UnitOwnedMixin, Page):
    """A unit's 调查征集 column; the county home's lists every unit's surveys."""

    intro = models.TextField("简介", blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["publishing.HomePage", "publishing.UnitHomePage"]
    subpage_types = ["surveys.SurveyPage"]
    template = "surveys/survey_index_page.html"

    class Meta:
        verbose_name = "调查征集栏目"
        verbose_name_plural = "调查征集栏目"

    def surveys(self):
        """Live surveys, open ones first, then the newest: this column's, or the whole county's below the
        county home."""
        from townsquare.publishing.models import HomePage

        parent = self.get_parent().specific
        queryset = SurveyPage.objects.live().select_related("unit")
        if isinstance(parent, HomePage):
            pagecache.depends_on(pagecache.under_tag(parent.path))
            queryset = queryset.descendant_of(parent)
        else:
            queryset = queryset.child_of(self)
        return queryset.order_by("-opens_at")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        surveys = list(self.surveys())
        context["open_surveys"] = [s for s in surveys if s.status(now) == SurveyPage.Status.OPEN]
        context["upcoming_surveys"] = [s for s in surveys if s.status(now) == SurveyPage.Status.UPCOMING]
        context["closed_surveys"] = [s for s in surveys if s.status(now) == SurveyPage.Status.CLOSED]
        context["unit"] = self.nearest_unit()
        changes = [m for s in surveys for m in (s.opens_at, s.closes_at) if m > now]
        pagecache.valid_until(min([pagecache.next_midnight(now), *changes]))
        return context


class SurveyPage(RoutablePageMixin, UnitOwnedMixin, Page):
    """One survey: what it is about, when it is open, how a person is counted once, its questions, and
    whether its results are public."""

    base_form_class = SurveyPageForm

    class Identity(models.TextChoices):
        VERIFIED = "verified", "手机号或邮箱验证（每人一次，较严格）"
        BROWSER = "browser", "浏览器记号（轻量调查，不用验证）"

    class Status(models.TextChoices):
        UPCOMING = "upcoming", "未开始"
        OPEN = "open", "进行中"
        CLOSED = "closed", "已结束"

    unit = models.ForeignKey(
        Unit, verbose_name="发起单位", null=True, blank=True, on_delete=models.PROTECT, related_name="+", editable=False
    )
    intro = models.TextField("调查说明", help_text="为什么调查、结果怎么用。用大白话，一两段。")
    opens_at = models.DateTimeField("开始时间")
    closes_at = models.DateTimeField("截止时间")
    identity = models.CharField(
        "每人一次的方式",
        max_length=10,
        choices=Identity.choices,
        default=Identity.VERIFIED,
        help_text="要算人数、排先后的调查请用验证；只想听听大家想法的轻量调查可用浏览器记号。",
    )
    results_published = models.BooleanField("公布调查结果", default=False)
    results_published_at = models.DateTimeField("结果公布时间", null=True, blank=True, editable=False)
    results_summary = models.TextField(
        "结果说明", blank=True, help_text="公布结果时写上：大家的主要意见是什么，单位接下来怎么做。"
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]), FieldPanel("identity")], "时间和参与方式"
        ),
        InlinePanel("questions", label="题目", min_num=1),
        MultiFieldPanel([FieldPanel("results_published"), FieldPanel("results_summary")], "调查结果"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro")]
    parent_page_types = ["surveys.SurveyIndexPage"]
    subpage_types = []
    template = "surveys/survey_page.html"

    class Meta:
        verbose_name = "调查"
        verbose_name_plural = "调查"

    def clean(self):
        from django.core.exceptions import ValidationError

        super().clean()
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": "截止时间要晚于开始时间。"})

    def save(self, *args, **kwargs):
        if self.results_published and self.results_published_at is None:
            self.results_published_at = timezone.now()
        elif not self.results_published:
            self.results_published_at = None
        if self.unit_id is None and self.path:
            self.unit = self.nearest_unit()
        return super().save(*args, **kwargs)

    # --- state ---------------------------------------------------------------------------------------

    def status(self, now=None):
        now = now or timezone.now()
        if now < self.opens_at:
            return self.Status.UPCOMING
        return self.Status.OPEN if now < self.closes_at else self.Status.CLOSED

    def is_open(self, now=None):
        return self.status(now) == self.Status.OPEN

    def status_label(self, now=None):
        return self.Status(self.status(now)).label

    def shows_results(self):
        return self.results_published

    # --- pages -----------------------------------------------------------------------------------------

    @path("")
    def answer(self, request):
        from .views import answer

        return answer(request, self)

    @path("jieguo/")
    def results(self, request):
        from .views import results

        return results(request, self)

    @path("xiexie/")
    def thanks(self, request):
        from .views import thanks

        return thanks(request, self)


class SurveyQuestion(Orderable):
    """One question; ``show_if_number``/``show_if_answer`` make it conditional on an earlier choice question."""

    class Kind(models.TextChoices):
        SINGLE = "single", "单选"
        MULTIPLE = "multiple", "多选"
        SCALE = "scale", "打分（1到5）"
        SHORT = "short", "简短填空"
        LONG = "long", "意见建议（多行）"

    page = ParentalKey(SurveyPage, on_delete=models.CASCADE, related_name="questions")
    kind = models.CharField("题型", max_length=10, choices=Kind.choices, default=Kind.SINGLE)
    text = models.CharField("题目", max_length=200)
    hint = models.CharField("说明", max_length=200, blank=True)
    required = models.BooleanField("必答", default=True)
    options = models.TextField("选项", blank=True, help_text="单选、多选题：每行一个选项。")
    scale_low = models.CharField("1分表示", max_length=20, blank=True, default="很不满意")
    scale_high = models.CharField("5分表示", max_length=20, blank=True, default="很满意")
    show_if_number = models.PositiveSmallIntegerField(
        "只在第几题…",
        null=True,
        blank=True,
        help_text="留空：总是显示。填题号（如 2）和下面的选项：只有选了它才回答这一题。",
    )
    show_if_answer = models.CharField("…选了这个选项时回答", max_length=100, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("kind"), FieldPanel("required")]),
        FieldPanel("text"),
        FieldPanel("hint"),
        FieldPanel("options"),
        FieldRowPanel([FieldPanel("scale_low"), FieldPanel("scale_high")]),
        FieldRowPanel([FieldPanel("show_if_number"), FieldPanel("show_if_answer")]),
    ]

    SCALE_POINTS = 5

    class Meta(Orderable.Meta):
        verbose_name = "题目"
        verbose_name_plural = "题目"

    def __str__(self):
        return self.text

    @property
    def is_choice(self):
        return self.kind in (self.Kind.SINGLE, self.Kind.MULTIPLE)

    @property
    def is_text(self):
        return self.kind in (self.Kind.SHORT, self.Kind.LONG)

    def option_list(self):
        if self.kind == self.Kind.SCALE:
            return [str(point) for point in range(1, self.SCALE_POINTS + 1)]
        return [line.strip() for line in self.options.splitlines() if line.strip()]


class SurveyResponse(models.Model):
    """One person's response. ``respondent_key`` is a keyed hash of the survey and the verified person (or
    the browser's token): unique per survey, and not linkable from one survey to another."""

    survey = models.ForeignKey(SurveyPage, verbose_name="调查", on_delete=models.CASCADE, related_name="responses")
    respondent_key = models.CharField(max_length=64)
    submission_key = models.CharField(max_length=64, unique=True)
    submitted_at = models.DateTimeField("提交时间", default=timezone.now, db_index=True)

    class Meta:
        verbose_name = "调查答卷"
        verbose_name_plural = "调查答卷"
        constraints = [models.UniqueConstraint(fields=["survey", "respondent_key"], name="survey_one_per_person")]

    def __str__(self):
        return f"{self.survey_id}: {self.submitted_at:%Y-%m-%d %H:%M}"


class SurveyAnswer(models.Model):
    """One answer: a choice (one row per chosen option of a multiple choice), a scale point, or text."""

    response = models.ForeignKey(SurveyResponse, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(SurveyQuestion, on_delete=models.CASCADE, related_name="answers")
    choice = models.CharField(max_length=200, blank=True)
    text = models.TextField(blank=True)

    class Meta:
        verbose_name = "回答"
        verbose_name_plural = "回答"
        indexes = [models.Index(fields=["question", "choice"])]

    def __str__(self):
        return self.choice or self.text[:30]
