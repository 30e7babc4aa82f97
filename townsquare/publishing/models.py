"""Page types of the county platform: home pages, sections and publications.

Every publication has an author unit, 原创/转载 with its source, a plain-language
summary and a public update history. Listing queries live on the page classes
so views and templates stay thin and the number of queries stays bounded.
"""

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Prefetch, Q
from django.utils import timezone
from modelcluster.fields import ParentalKey
from wagtail import blocks, hooks
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.coreutils import resolve_model_string
from wagtail.documents.models import Document
from wagtail.fields import StreamField
from wagtail.images.blocks import ImageChooserBlock
from wagtail.images.models import Image
from wagtail.models import Orderable, Page
from wagtail.search import index

from townsquare.units.models import Unit

CARD_RENDITION = "fill-640x360"
RICH_TEXT_FEATURES = ["h2", "h3", "bold", "ol", "ul", "link", "document-link", "image", "hr"]
LIST_PAGE_SIZE = 15


def images_with_card_renditions():
    """Image queryset that brings the card renditions along (one query, not one per card)."""
    return Image.objects.prefetch_renditions(CARD_RENDITION)


class GraphicBlock(blocks.StructBlock):
    image = ImageChooserBlock(label="图片")
    alt = blocks.CharBlock(
        label="替代文字", max_length=200, help_text="为看不到图片的读者描述图片内容（读屏软件会读出）。"
    )
    caption = blocks.CharBlock(label="图注", required=False, max_length=200)

    class Meta:
        icon = "image"
        label = "图片/图解"
        template = "publishing/blocks/graphic.html"


class QuestionAnswerBlock(blocks.StructBlock):
    question = blocks.CharBlock(label="问", max_length=200)
    answer = blocks.RichTextBlock(label="答", features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "help"
        label = "问答"
        template = "publishing/blocks/qa.html"


class BodyBlock(blocks.StreamBlock):
    text = blocks.RichTextBlock(label="正文", features=RICH_TEXT_FEATURES)
    graphic = GraphicBlock()
    qa = QuestionAnswerBlock()


class ArticleForm(WagtailAdminPageForm):
    """Asks for a fresh update note each time a live page is changed again."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        page = self.instance
        if page.pk and page.live and not page.has_unpublished_changes and "change_note" in self.fields:
            self.initial["change_note"] = ""


class UnitOwnedMixin:
    def nearest_unit(self):
        """The unit whose home page (a unit home, else the county home) is this page's closest ancestor."""
        step = self.steplen
        paths = [self.path[:end] for end in range(step, len(self.path), step)]
        for model in (UnitHomePage, HomePage):
            home = model.objects.filter(path__in=paths).select_related("unit").order_by("-depth").first()
            if home is not None:
                return home.unit
        return None


class ArticlePage(UnitOwnedMixin, Page):
    """What every publication shares."""

    class Origin(models.TextChoices):
        ORIGINAL = "original", "原创"
        REPOST = "repost", "转载"

    unit = models.ForeignKey(
        Unit,
        verbose_name="发布单位",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="留空则为本栏目所属单位。",
    )
    summary = models.TextField(
        "摘要",
        max_length=300,
        blank=True,
        help_text="用一两句大白话说清：跟谁有关、要做什么、从什么时候起。",
    )
    origin = models.CharField("来源类型", max_length=10, choices=Origin.choices, default=Origin.ORIGINAL)
    source_name = models.CharField("转载来源", max_length=100, blank=True)
    source_url = models.URLField("来源链接", blank=True)
    cover_image = models.ForeignKey(
        "wagtailimages.Image", verbose_name="封面图", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = StreamField(BodyBlock(), verbose_name="正文", blank=True)
    change_note = models.CharField(
        "更新说明",
        max_length=200,
        blank=True,
        help_text="重要修改请写明改了什么，发布后公开显示在“更新记录”里；错别字等小修改留空即可。",
    )

    summary_required = False
    base_form_class = ArticleForm
    parent_page_types = ["publishing.SectionPage"]
    subpage_types = []

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("unit"),
    ]

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("cover_image"),
    ]
    meta_panels = [
        MultiFieldPanel(
            [
                FieldPanel("unit"),
                FieldRowPanel([FieldPanel("origin"), FieldPanel("source_name")]),
                FieldPanel("source_url"),
            ],
            heading="发布单位与来源",
        ),
        FieldPanel("change_note"),
    ]

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        errors = {}
        if self.summary_required and not self.summary.strip():
            errors["summary"] = "请填写摘要：用一两句话告诉读者这件事跟谁有关、要做什么。"
        if self.origin == self.Origin.REPOST and not self.source_name.strip():
            errors["source_name"] = "转载的内容请注明来源。"
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if self.unit_id is None and self.pk is None:
            parent = self.get_parent() if self.path else None
            if parent is not None:
                self.unit = UnitOwnedMixin.nearest_unit(parent) or getattr(parent.specific, "unit", None)
        return super().save(*args, **kwargs)

    @property
    def published_at(self):
        return self.first_published_at or self.go_live_at or self.latest_revision_created_at

    def public_update_history(self):
        return self.update_records.all()

    @classmethod
    def listing(cls):
        """Live pages of this type, with what a list card shows, in one query plus image prefetch."""
        return (
            cls.objects.live()
            .select_related("unit")
            .prefetch_related(Prefetch("cover_image", queryset=images_with_card_renditions()))
            .order_by("-first_published_at", "-pk")
        )


class NewsPage(ArticlePage):
    summary_required = False
    template = "publishing/news_page.html"

    content_panels = ArticlePage.content_panels + ArticlePage.meta_panels

    class Meta:
        verbose_name = "政务动态"
        verbose_name_plural = "政务动态"


class NoticePage(ArticlePage):
    summary_required = True
    applies_to = models.CharField(
        "适用对象", max_length=100, blank=True, help_text="如：青禾镇东街居民、60岁以上老人。"
    )
    valid_until = models.DateTimeField(
        "有效期至", null=True, blank=True, help_text="过了这个时间，本通知不再出现在“正在进行”的列表里。"
    )

    content_panels = (
        Page.content_panels
        + [
            FieldPanel("summary"),
            FieldRowPanel([FieldPanel("applies_to"), FieldPanel("valid_until")]),
            FieldPanel("body"),
            FieldPanel("cover_image"),
        ]
        + ArticlePage.meta_panels
    )

    class Meta:
        verbose_name = "通知公告"
        verbose_name_plural = "通知公告"

    @classmethod
    def current(cls, now=None):
        now = now or timezone.now()
        return cls.listing().filter(Q(valid_until__isnull=True) | Q(valid_until__gte=now))

    def is_in_effect(self, now=None):
        now = now or timezone.now()
        return self.valid_until is None or self.valid_until >= now


class PublicityPage(ArticlePage):
    """公示: open for objections during its period, then ended."""

    summary_required = True
    period_starts = models.DateTimeField("公示开始", default=timezone.now)
    period_ends = models.DateTimeField("公示截止", help_text="截止后自动显示“已结束”，并从“公示中”的列表里移出。")
    objection_contact = models.CharField(
        "异议联系方式", max_length=200, help_text="如：县民政局社会救助股，电话 0000-1234567，地址……"
    )

    content_panels = (
        Page.content_panels
        + [
            FieldPanel("summary"),
            FieldRowPanel([FieldPanel("period_starts"), FieldPanel("period_ends")]),
            FieldPanel("objection_contact"),
            FieldPanel("body"),
            FieldPanel("cover_image"),
        ]
        + ArticlePage.meta_panels
    )

    class Meta:
        verbose_name = "公示"
        verbose_name_plural = "公示"

    class Status(models.TextChoices):
        UPCOMING = "upcoming", "未开始"
        OPEN = "open", "公示中"
        ENDED = "ended", "已结束"

    def clean(self):
        super().clean()
        if self.period_starts and self.period_ends and self.period_ends <= self.period_starts:
            raise ValidationError({"period_ends": "公示截止时间要晚于开始时间。"})

    def status(self, now=None):
        now = now or timezone.now()
        if now < self.period_starts:
            return self.Status.UPCOMING
        if now <= self.period_ends:
            return self.Status.OPEN
        return self.Status.ENDED

    def status_label(self, now=None):
        return self.Status(self.status(now)).label

    def days_left(self, now=None):
        """Whole days until the period ends, counting today as a day (0 once ended)."""
        now = now or timezone.now()
        if self.status(now) == self.Status.ENDED:
            return 0
        end_day = timezone.localtime(self.period_ends).date()
        return (end_day - timezone.localtime(now).date()).days + 1

    @classmethod
    def current(cls, now=None):
        now = now or timezone.now()
        return cls.listing().filter(period_starts__lte=now, period_ends__gte=now).order_by("period_ends", "pk")


class PolicyTopic(models.TextChoices):
    """主题分类 (the State Council's public-information topic scheme, top level)."""

    GENERAL = "general", "综合政务"
    ECONOMY = "economy", "国民经济管理、国有资产监管"
    FINANCE = "finance", "财政、金融、审计"
    LAND = "land", "国土资源、能源"
    AGRICULTURE = "agriculture", "农业、林业、水利"
    INDUSTRY = "industry", "工业、交通"
    COMMERCE = "commerce", "商贸、海关、旅游"
    MARKET = "market", "市场监管、安全生产监管"
    CONSTRUCTION = "construction", "城乡建设、环境保护"
    EDUCATION = "education", "科技、教育"
    CULTURE = "culture", "文化、广电、新闻出版"
    HEALTH = "health", "卫生、体育"
    FAMILY = "family", "人口与计划生育、妇女儿童工作"
    LABOUR = "labour", "劳动、人事、监察"
    JUSTICE = "justice", "公安、安全、司法"
    CIVIL = "civil", "民政、扶贫、救灾"
    OTHER = "other", "其他"


class PolicyPage(ArticlePage):
    """政策文件 with the metadata an information-disclosure catalogue needs."""

    class Validity(models.TextChoices):
        VALID = "valid", "有效"
        REVISED = "revised", "已修订"
        REPEALED = "repealed", "已废止"

    summary_required = True
    document_number = models.CharField(
        "文号", max_length=60, blank=True, db_index=True, help_text="如：示政办发〔2026〕12号"
    )
    issuing_authority = models.CharField("发文机关", max_length=100)
    written_on = models.DateField("成文日期")
    published_on = models.DateField("发布日期")
    topic = models.CharField("主题分类", max_length=20, choices=PolicyTopic.choices, default=PolicyTopic.GENERAL)
    validity = models.CharField("有效性", max_length=10, choices=Validity.choices, default=Validity.VALID)
    replaced_by = models.ForeignKey(
        "self",
        verbose_name="替代文件",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replaces",
        help_text="已修订或已废止时，选择现行的文件。",
    )

    content_panels = (
        Page.content_panels
        + [
            FieldPanel("summary"),
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("document_number"), FieldPanel("issuing_authority")]),
                    FieldRowPanel([FieldPanel("written_on"), FieldPanel("published_on")]),
                    FieldRowPanel([FieldPanel("topic"), FieldPanel("validity")]),
                    PageChooserPanel("replaced_by", "publishing.PolicyPage"),
                ],
                heading="文件信息",
            ),
            FieldPanel("body"),
            InlinePanel("attachments", label="附件"),
        ]
        + ArticlePage.meta_panels
    )

    search_fields = ArticlePage.search_fields + [
        index.SearchField("document_number"),
        index.FilterField("validity"),
    ]

    class Meta:
        verbose_name = "政策文件"
        verbose_name_plural = "政策文件"

    def clean(self):
        super().clean()
        errors = {}
        if self.written_on and self.published_on and self.published_on < self.written_on:
            errors["published_on"] = "发布日期不能早于成文日期。"
        if self.validity == self.Validity.VALID and self.replaced_by_id:
            errors["replaced_by"] = "有效的文件不需要填写替代文件；若已修订或废止，请先改“有效性”。"
        if self.replaced_by_id and self.pk and self.replaced_by_id == self.pk:
            errors["replaced_by"] = "替代文件不能是它自己。"
        if errors:
            raise ValidationError(errors)

    def key_facts(self):
        """The facts a reader checks first, in order."""
        facts = [
            ("文号", self.document_number or "无"),
            ("发文机关", self.issuing_authority),
            ("成文日期", self.written_on),
            ("发布日期", self.published_on),
            ("主题分类", self.get_topic_display()),
            ("有效性", self.get_validity_display()),
        ]
        return facts

    def live_interpretations(self):
        return (
            InterpretationPage.objects.live().filter(policy=self).select_related("unit").order_by("-first_published_at")
        )


class PolicyAttachment(Orderable):
    page = ParentalKey(PolicyPage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(Document, verbose_name="文件", on_delete=models.CASCADE, related_name="+")
    title = models.CharField("附件名称", max_length=200, blank=True)

    panels = [FieldPanel("document"), FieldPanel("title")]

    @property
    def display_title(self):
        return self.title or self.document.title


class InterpretationPage(ArticlePage):
    """政策解读: always tied to the policy it explains."""

    @classmethod
    def listing(cls):
        return super().listing().select_related("policy")

    class Form(models.TextChoices):
        TEXT = "text", "文字解读"
        GRAPHIC = "graphic", "图解"
        QA = "qa", "问答"

    summary_required = True
    policy = models.ForeignKey(
        PolicyPage,
        verbose_name="解读的文件",
        null=True,
        blank=False,
        on_delete=models.PROTECT,
        related_name="interpretations",
    )
    form = models.CharField("解读形式", max_length=10, choices=Form.choices, default=Form.TEXT)

    content_panels = (
        Page.content_panels
        + [
            PageChooserPanel("policy", "publishing.PolicyPage"),
            FieldPanel("form"),
            FieldPanel("summary"),
            FieldPanel("body"),
            FieldPanel("cover_image"),
        ]
        + ArticlePage.meta_panels
    )

    class Meta:
        verbose_name = "政策解读"
        verbose_name_plural = "政策解读"

    def clean(self):
        super().clean()
        if not self.policy_id:
            raise ValidationError({"policy": "请选择这篇解读对应的政策文件。"})


class SectionPage(UnitOwnedMixin, Page):
    """A column (栏目) of a unit: lists its publications, newest first."""

    class Kind(models.TextChoices):
        NEWS = "news", "政务动态"
        NOTICE = "notice", "通知公告"
        PUBLICITY = "publicity", "公示"
        POLICY = "policy", "政策文件"
        INTERPRETATION = "interpretation", "政策解读"
        TOPIC = "topic", "专题专栏"
        GENERAL = "general", "综合"

    kind = models.CharField("栏目类型", max_length=20, choices=Kind.choices, default=Kind.GENERAL)
    intro = models.TextField("栏目简介", blank=True)

    content_panels = Page.content_panels + [FieldPanel("kind"), FieldPanel("intro")]
    parent_page_types = ["publishing.HomePage", "publishing.UnitHomePage"]
    subpage_types = [
        "publishing.NewsPage",
        "publishing.NoticePage",
        "publishing.PublicityPage",
        "publishing.PolicyPage",
        "publishing.InterpretationPage",
        "publishing.TopicPage",
    ]
    template = "publishing/section_page.html"

    class Meta:
        verbose_name = "栏目"
        verbose_name_plural = "栏目"

    KIND_MODELS = {
        Kind.NEWS: "NewsPage",
        Kind.NOTICE: "NoticePage",
        Kind.PUBLICITY: "PublicityPage",
        Kind.POLICY: "PolicyPage",
        Kind.INTERPRETATION: "InterpretationPage",
        Kind.TOPIC: "TopicPage",
    }

    def item_model(self):
        name = self.KIND_MODELS.get(self.kind)
        return globals()[name] if name else None

    def items(self):
        model = self.item_model()
        if model is None:
            return Page.objects.live().child_of(self).order_by("-first_published_at")
        queryset = (
            model.listing() if hasattr(model, "listing") else model.objects.live().order_by("-first_published_at")
        )
        return queryset.child_of(self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        items = self.items()
        show = request.GET.get("show")
        if self.kind == self.Kind.PUBLICITY and show == "current":
            now = timezone.now()
            items = items.filter(period_starts__lte=now, period_ends__gte=now)
        if self.kind == self.Kind.POLICY and request.GET.get("validity") in PolicyPage.Validity.values:
            items = items.filter(validity=request.GET["validity"])
        paginator = Paginator(items, LIST_PAGE_SIZE)
        context["page_obj"] = paginator.get_page(request.GET.get("page"))
        context["show"] = show
        context["unit"] = self.nearest_unit()
        return context


class TopicPage(ArticlePage):
    """专题: gathers publications from any unit around one theme."""

    template = "publishing/topic_page.html"
    content_panels = (
        Page.content_panels
        + [
            FieldPanel("summary"),
            FieldPanel("cover_image"),
            FieldPanel("body"),
            InlinePanel("items", label="收录的内容"),
        ]
        + ArticlePage.meta_panels
    )

    class Meta:
        verbose_name = "专题"
        verbose_name_plural = "专题"

    def gathered_pages(self):
        items = list(self.items.select_related("page"))
        pages = {page.pk: page for page in Page.objects.live().filter(pk__in=[i.page_id for i in items]).specific()}
        return [(item, pages[item.page_id]) for item in items if item.page_id in pages]


class TopicItem(Orderable):
    topic = ParentalKey(TopicPage, on_delete=models.CASCADE, related_name="items")
    page = models.ForeignKey("wagtailcore.Page", verbose_name="内容", on_delete=models.CASCADE, related_name="+")
    group = models.CharField("分组", max_length=40, blank=True, help_text="可选，如“政策”“办事”“动态”。")

    panels = [PageChooserPanel("page"), FieldPanel("group")]


class HomeBase(Page):
    """What the county home and a unit home share: a greeting and a contact block."""

    intro = models.CharField("欢迎语", max_length=120, blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image", verbose_name="头图", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    unit = models.OneToOneField(Unit, verbose_name="单位", on_delete=models.PROTECT, related_name="+")

    content_panels = Page.content_panels + [FieldPanel("unit"), FieldPanel("intro"), FieldPanel("hero_image")]

    class Meta:
        abstract = True

    @classmethod
    def clean_subpage_models(cls):
        """Also the page types of hook ``townsquare_home_subpage_types``: fn() -> ["app.Model", ...]."""
        resolved = cls._clean_subpage_models is not None
        types = super().clean_subpage_models()  # Wagtail caches this list; extend it on first use only
        if not resolved:
            for provider in hooks.get_hooks("townsquare_home_subpage_types"):
                types.extend(m for m in map(resolve_model_string, provider()) if m not in types)
        return types

    def section(self, kind):
        return SectionPage.objects.live().child_of(self).filter(kind=kind).first()

    def sections(self):
        return SectionPage.objects.live().child_of(self).order_by("path")


class HomePage(HomeBase):
    """The county home page: life services first, then what is current, then news."""

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["publishing.SectionPage", "publishing.UnitHomePage"]
    template = "publishing/home_page.html"
    max_count = 1

    class Meta:
        verbose_name = "县首页"
        verbose_name_plural = "县首页"

    def get_context(self, request, *args, **kwargs):
        from .queries import home_context

        context = super().get_context(request, *args, **kwargs)
        context.update(home_context(self, scope=None))
        return context


class UnitHomePage(HomeBase):
    """网上的X镇: a town's or department's own front door on the county platform."""

    parent_page_types = ["publishing.HomePage"]
    subpage_types = ["publishing.SectionPage"]
    template = "publishing/unit_home_page.html"

    class Meta:
        verbose_name = "单位主页"
        verbose_name_plural = "单位主页"

    def get_context(self, request, *args, **kwargs):
        from .queries import home_context

        context = super().get_context(request, *args, **kwargs)
        context.update(home_context(self, scope=self))
        return context


class UpdateRecord(models.Model):
    """One public line of a page's update history (a major change with its note)."""

    page = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="update_records")
    revision = models.OneToOneField("wagtailcore.Revision", null=True, on_delete=models.SET_NULL, related_name="+")
    noted_at = models.DateTimeField("更新时间")
    note = models.CharField("更新说明", max_length=200)

    class Meta:
        ordering = ["-noted_at", "-pk"]
        verbose_name = "更新记录"
        verbose_name_plural = "更新记录"

    def __str__(self):
        return f"{self.noted_at:%Y-%m-%d %H:%M} {self.note}"


ARTICLE_MODELS = (NewsPage, NoticePage, PublicityPage, PolicyPage, InterpretationPage, TopicPage)

__all__ = [
    "ARTICLE_MODELS",
    "HomePage",
    "UnitHomePage",
    "SectionPage",
    "NewsPage",
    "NoticePage",
    "PublicityPage",
    "PolicyPage",
    "PolicyAttachment",
    "InterpretationPage",
    "TopicPage",
    "TopicItem",
    "UpdateRecord",
]
