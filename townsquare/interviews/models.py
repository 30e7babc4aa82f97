"""在线访谈: the interview page a unit schedules, residents' questions, and the lines of the live session.

An interview is a Wagtail page (revisions, the 三审 workflow, search) whose state follows the clock:
预告 before ``starts_at`` (questions are collected), 直播中 until ``ends_at`` (staff post lines from the
console), then 已结束 (the same page is the transcript, with its photos). Residents' questions and the
posted lines are plain models: questions are moderated in the admin, lines are what the page shows.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Orderable, Page
from wagtail.search import index

from townsquare.core import pagecache
from townsquare.publishing.models import UnitOwnedMixin
from townsquare.units.models import Unit


class Stage(models.TextChoices):
    UPCOMING = "upcoming", "预告"
    LIVE = "live", "直播中"
    ENDED = "ended", "已结束"


class InterviewIndexPage(UnitOwnedMixin, Page):
    """在线访谈 column of a home. Under the county home it lists every interview of the site, else its own."""

    intro = models.TextField("栏目简介", blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["interviews.InterviewPage"]
    template = "interviews/index_page.html"

    class Meta:
        verbose_name = "在线访谈栏目"
        verbose_name_plural = "在线访谈栏目"

    def interviews(self):
        """Live interviews this column lists: the whole site's under the county home, else its children."""
        from townsquare.publishing.models import HomePage

        queryset = InterviewPage.listing()
        if self.get_parent().specific_class is HomePage:
            pagecache.depends_on(pagecache.type_tag(InterviewPage))
            return queryset.descendant_of(self.get_parent())
        return queryset.child_of(self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(grouped(self.interviews(), timezone.now()))
        return context


def grouped(interviews, now):
    """{"current": upcoming and live, soonest first; "past": ended, latest first}, valid until the next change."""
    current, past = [], []
    for interview in interviews:
        (past if interview.stage(now) == Stage.ENDED else current).append(interview)
        pagecache.valid_until(interview.next_change(now))
    current.sort(key=lambda interview: interview.starts_at)
    past.sort(key=lambda interview: interview.starts_at, reverse=True)
    return {"current": current, "past": past}


class InterviewPage(RoutablePageMixin, UnitOwnedMixin, Page):
    """One interview: topic (the title), guest, unit, time and summary; the lines make the transcript."""

    unit = models.ForeignKey(
        Unit,
        verbose_name="主办单位",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="留空则为本栏目所属单位。",
    )
    summary = models.TextField(
        "访谈简介", max_length=400, help_text="一两句话说清：谈什么、跟谁有关、想听大家哪些问题。"
    )
    guest_name = models.CharField("嘉宾姓名", max_length=40)
    guest_title = models.CharField("嘉宾职务", max_length=80, help_text="如：县人社局局长。")
    guest_photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="嘉宾照片",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    host_name = models.CharField("主持人", max_length=40, default="主持人")
    starts_at = models.DateTimeField("开始时间")
    ends_at = models.DateTimeField("结束时间")

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("guest_name"), FieldPanel("guest_title")]), FieldPanel("guest_photo")],
            heading="嘉宾",
        ),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
        FieldPanel("host_name"),
        InlinePanel("photos", label="访谈图片（结束后和文字实录一起公布）"),
    ]
    settings_panels = Page.settings_panels + [FieldPanel("unit")]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("guest_name"),
        index.FilterField("unit"),
    ]
    parent_page_types = ["interviews.InterviewIndexPage"]
    subpage_types = []
    template = "interviews/interview_page.html"

    class Meta:
        verbose_name = "在线访谈"
        verbose_name_plural = "在线访谈"

    @classmethod
    def listing(cls):
        return cls.objects.live().select_related("unit", "guest_photo")

    def clean(self):
        super().clean()
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": "结束时间要晚于开始时间。"})

    def save(self, *args, **kwargs):
        if self.unit_id is None and self.pk is None:
            parent = self.get_parent() if self.path else None
            if parent is not None:
                self.unit = UnitOwnedMixin.nearest_unit(parent)
        return super().save(*args, **kwargs)

    # --- state on the clock ---------------------------------------------------------------------

    def stage(self, now=None):
        now = now or timezone.now()
        if now < self.starts_at:
            return Stage.UPCOMING
        return Stage.LIVE if now < self.ends_at else Stage.ENDED

    def stage_label(self, now=None):
        return Stage(self.stage(now)).label

    def next_change(self, now=None):
        """When the stage changes next (None once ended): a page showing the stage is valid until then."""
        now = now or timezone.now()
        return next((moment for moment in (self.starts_at, self.ends_at) if moment > now), None)

    def takes_questions(self, now=None):
        """Residents may ask until the interview ends."""
        return self.stage(now) != Stage.ENDED

    # --- what the public page shows --------------------------------------------------------------

    def shown_lines(self, after=0):
        return self.lines.filter(pk__gt=after).select_related("question").order_by("pk")

    def published_questions(self):
        return self.questions.filter(status=Question.Status.PUBLISHED).order_by("submitted_at")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        pagecache.valid_until(self.next_change(now))
        lines = list(self.shown_lines())
        context.update(
            stage=self.stage(now),
            lines=lines,
            last_line=lines[-1].pk if lines else 0,
            questions=list(self.published_questions()),
            photos=list(self.photos.select_related("image")),
            poll_seconds=settings.INTERVIEW_POLL_SECONDS,
            ask_url=self.subpage_url("ask"),
            updates_url=self.subpage_url("updates"),
        )
        return context

    def subpage_url(self, name):
        return self.url + self.reverse_subpage(name)

    @path("tiwen/")
    def ask(self, request):
        from .views import ask

        return ask(request, self)

    @path("tiwen/shoudao/")
    def asked(self, request):
        from .views import asked

        return asked(request, self)

    @path("gengxin/")
    def updates(self, request):
        from .views import updates

        return updates(request, self)


class InterviewPhoto(Orderable):
    interview = ParentalKey(InterviewPage, on_delete=models.CASCADE, related_name="photos")
    image = models.ForeignKey("wagtailimages.Image", verbose_name="图片", on_delete=models.CASCADE, related_name="+")
    caption = models.CharField("图片说明", max_length=120, help_text="说清图上是谁、在做什么（读屏软件会读出来）。")

    panels = [FieldPanel("image"), FieldPanel("caption")]

    class Meta(Orderable.Meta):
        verbose_name = "访谈图片"


class Question(models.Model):
    """A resident's question for the guest: name and contact stay with staff; moderated before it is shown."""

    class Status(models.TextChoices):
        PENDING = "pending", "待审核"
        PUBLISHED = "published", "已公开"
        HIDDEN = "hidden", "不公开"

    interview = models.ForeignKey(InterviewPage, on_delete=models.CASCADE, related_name="questions")
    text = models.TextField("问题")
    name = models.CharField("称呼", max_length=40)
    phone = models.CharField("手机号", max_length=20, blank=True)
    email = models.EmailField("邮箱", blank=True)
    may_publish = models.BooleanField("同意公开问题", default=True)
    status = models.CharField("状态", max_length=10, choices=Status.choices, default=Status.PENDING)
    submitted_at = models.DateTimeField("提问时间", default=timezone.now)
    moderated_at = models.DateTimeField("审核时间", null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField("答复时间", null=True, blank=True)
    submission_key = models.CharField(max_length=64, unique=True, null=True, blank=True)

    class Meta:
        verbose_name = "网友提问"
        verbose_name_plural = "网友提问"
        indexes = [models.Index(fields=["interview", "status"])]

    def __str__(self):
        return self.text[:30]

    @property
    def reference(self):
        return f"FT{self.pk}"

    @property
    def public_name(self):
        """What the public page calls the asker: 网友 and the first character of the name."""
        from townsquare.privacy.retention import ERASED_NAME

        return f"网友{self.name[:1]}**" if self.name and self.name != ERASED_NAME else "网友"


class Line(models.Model):
    """One line of the live session, in the order posted (its id is the public page's cursor)."""

    class Speaker(models.TextChoices):
        HOST = "host", "主持人"
        GUEST = "guest", "嘉宾"

    interview = models.ForeignKey(InterviewPage, on_delete=models.CASCADE, related_name="lines")
    speaker = models.CharField("谁说的", max_length=10, choices=Speaker.choices)
    text = models.TextField("内容")
    question = models.ForeignKey(
        Question, verbose_name="答复的网友提问", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name="图片", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    posted_at = models.DateTimeField("发布时间", default=timezone.now)
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = "访谈实录"
        verbose_name_plural = "访谈实录"
        ordering = ["pk"]

    def __str__(self):
        return self.text[:30]
