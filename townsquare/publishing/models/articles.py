"""Publications: what every article shares, and the news, notices, publicity and topic pages.

Every publication has an author unit, 原创/转载 with its source, a plain-language
summary and a public update history. Listing queries live on the page classes
so views and templates stay thin and the number of queries stays bounded.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch, Q
from django.utils import timezone
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.fields import StreamField
from wagtail.images.models import Image
from wagtail.models import Orderable, Page
from wagtail.search import index

from townsquare.core import pagecache
from townsquare.core.viewrestrictions import CachedViewRestrictionsMixin
from townsquare.units.models import Unit

from ..blocks import BodyBlock

CARD_RENDITION = "fill-640x360"
# Columns a list card never reads: the body (a StreamField, the bulk of a row), the editing and
# publishing state and the source. Left out of list queries: fewer columns to select and load.
CARD_DEFERRED = (
    "body",
    "change_note",
    "source_url",
    "seo_title",
    "search_description",
    "draft_title",
    "show_in_menus",
    "locked",
    "locked_at",
    "locked_by",
    "owner",
    "latest_revision",
    "live_revision",
    "has_unpublished_changes",
    "last_published_at",
    "expire_at",
    "alias_of",
    "translation_key",
)


def images_with_card_renditions():
    """Image queryset that brings the card renditions along (one query, not one per card)."""
    return Image.objects.prefetch_renditions(CARD_RENDITION)


class ArticleForm(WagtailAdminPageForm):
    """Asks for a fresh update note each time a live page is changed again."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        page = self.instance
        if page.pk and page.live and not page.has_unpublished_changes and "change_note" in self.fields:
            self.initial["change_note"] = ""
        if "slug" in self.fields:
            self.fields["slug"].required = False  # left empty: the title in pinyin (clean_slug)

    def clean_slug(self):
        from ..slugs import short_slug

        return self.cleaned_data.get("slug") or short_slug(self.data.get("title", ""), self.parent_page, self.instance)


class UnitOwnedMixin(CachedViewRestrictionsMixin):
    def nearest_unit(self):
        """The unit whose home page (a unit home, else the county home) is this page's closest ancestor."""
        from .tree import HomePage, UnitHomePage  # the tree's pages own articles: imported when used

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
    # Read by the relays app: after 终审 (or at the scheduled time) the article also goes to the 公众号.
    sync_to_wechat = models.BooleanField(
        "同步到公众号",
        default=False,
        help_text="勾选后，终审通过发布时同时发到本单位已接入的微信公众号（没有的发到县里的公众号）。",
    )

    summary_required = False
    # The page's detail is the same for every visitor: kept as a fragment ({% detail_fragment %}).
    keeps_detail = True
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
        FieldPanel("sync_to_wechat"),
    ]

    class Meta:
        abstract = True

    @classmethod
    def can_create_at(cls, parent):
        """Only where the column takes this type: a news column offers news, a notice column notices."""
        accepts = getattr(parent.specific, "accepts", None)
        return super().can_create_at(parent) and (accepts is None or accepts(cls))

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

    def detail_valid_until(self, now):
        """When what the page shows stops being right by the clock alone, before midnight (None: not before)."""
        return None

    @property
    def published_at(self):
        return self.first_published_at or self.go_live_at or self.latest_revision_created_at

    def public_update_history(self):
        return self.update_records.all()

    @classmethod
    def listing(cls):
        """Live pages of this type, with what a list card shows, in one query plus image prefetch.

        What cards never show (``CARD_DEFERRED``, the body first) is left out.
        """
        return (
            cls.objects.live()
            .defer(*CARD_DEFERRED)
            .select_related("unit")
            .prefetch_related(Prefetch("cover_image", queryset=images_with_card_renditions()))
            # Ties broken on wagtailcore_page itself (Django turns "-id" into the child table's pointer),
            # so the whole sort follows one index there (publishing migration 0003): deep pages stay cheap.
            .order_by("-first_published_at", "-path")
        )


class NewsPage(ArticlePage):
    summary_required = False
    template = "publishing/news_page.html"

    content_panels = ArticlePage.content_panels + ArticlePage.meta_panels

    class Meta:
        verbose_name = "政务动态"
        verbose_name_plural = "政务动态"


class NoticePage(ArticlePage):
    class Disruption(models.TextChoices):
        """Notices residents must hear of at once (停水停电、封路): they go out to subscribers immediately."""

        WATER = "water", "停水"
        POWER = "power", "停电"
        GAS = "gas", "停气"
        ROAD = "road", "道路封闭/交通管制"

    summary_required = True
    applies_to = models.CharField(
        "适用对象", max_length=100, blank=True, help_text="如：青禾镇东街居民、60岁以上老人。"
    )
    valid_until = models.DateTimeField(
        "有效期至", null=True, blank=True, help_text="过了这个时间，本通知不再出现在“正在进行”的列表里。"
    )
    disruption = models.CharField(
        "停水停电等紧急事项",
        max_length=10,
        choices=Disruption.choices,
        blank=True,
        help_text="停水、停电、停气或封路的通知请选上：发布后立即发邮件给订阅了相关镇街的居民。",
    )
    disruption_towns = ParentalManyToManyField(
        Unit,
        verbose_name="涉及镇街",
        blank=True,
        related_name="+",
        limit_choices_to={"kind__in": [Unit.Kind.TOWN, Unit.Kind.STREET]},
        help_text="不选则为发布单位所在的镇街。",
    )

    content_panels = (
        Page.content_panels
        + [
            FieldPanel("summary"),
            FieldRowPanel([FieldPanel("applies_to"), FieldPanel("valid_until")]),
            MultiFieldPanel(
                [FieldPanel("disruption"), FieldPanel("disruption_towns", widget=forms.CheckboxSelectMultiple)],
                heading="停水停电、封路",
            ),
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

    def detail_valid_until(self, now):
        return self.valid_until if self.valid_until and self.valid_until > now else None

    def is_in_effect(self, now=None):
        now = now or timezone.now()
        return self.valid_until is None or self.valid_until >= now

    def affected_towns(self):
        """The towns a 停水停电/封路 notice concerns: those chosen, else the publishing unit's own town."""
        if not self.disruption:
            return []
        chosen = list(self.disruption_towns.all())
        if chosen:
            return chosen
        town_kinds = (Unit.Kind.TOWN, Unit.Kind.STREET)
        unit = self.unit
        while unit is not None and unit.kind not in town_kinds:
            unit = unit.parent if unit.kind == Unit.Kind.VILLAGE else None
        return [unit] if unit is not None else []


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

    def detail_valid_until(self, now):
        """The period opens or closes (the status, and the days left change at midnight anyway)."""
        return min((m for m in (self.period_starts, self.period_ends) if m and m > now), default=None)

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
        # Then by pk: items added in code have no sort_order (PostgreSQL returns NULLs in any order).
        items = list(self.items.select_related("page").order_by("sort_order", "pk"))
        gathered = Page.objects.live().filter(pk__in=[i.page_id for i in items]).defer_streamfields()  # cards only
        pages = {page.pk: page for page in gathered.specific()}
        pagecache.depends_on(pagecache.type_tag(Page))  # a gathered page unpublished or retitled anywhere
        return [(item, pages[item.page_id]) for item in items if item.page_id in pages]


class TopicItem(Orderable):
    topic = ParentalKey(TopicPage, on_delete=models.CASCADE, related_name="items")
    page = models.ForeignKey("wagtailcore.Page", verbose_name="内容", on_delete=models.CASCADE, related_name="+")
    group = models.CharField("分组", max_length=40, blank=True, help_text="可选，如“政策”“办事”“动态”。")

    panels = [PageChooserPanel("page"), FieldPanel("group")]
