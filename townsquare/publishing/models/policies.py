"""Policies (政策文件) with their catalogue metadata and attachments, and their interpretations (政策解读)."""

from django.core.exceptions import ValidationError
from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.documents.models import Document
from wagtail.models import Orderable, Page
from wagtail.search import index

from townsquare.core import pagecache

from .articles import ArticlePage


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


# What a policy page's 政策解读 cards show: title and link, summary, date, form.
INTERPRETATION_CARD_FIELDS = ("title", "url_path", "summary", "first_published_at", "form")


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

    def current_replacement(self):
        """The live document that replaces this one (已修订/已废止), or None."""
        if not self.replaced_by_id:
            return None
        newer = self.replaced_by
        pagecache.depends_on(*pagecache.path_tags(newer.path))  # unpublished, retitled or moved
        return newer if newer.live else None

    def live_interpretations(self):
        pagecache.depends_on(pagecache.type_tag(InterpretationPage))
        return (
            InterpretationPage.objects.live()
            .filter(policy=self)
            .only(*INTERPRETATION_CARD_FIELDS)  # the cards (article_card.html) read nothing else
            .order_by("-first_published_at")
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
    """政策解读: tied to the policy it explains; a 回应关切 (the answer to a hot topic) may stand alone."""

    @classmethod
    def listing(cls):
        return super().listing().select_related("policy")

    class Form(models.TextChoices):
        TEXT = "text", "文字解读"
        GRAPHIC = "graphic", "图解"
        QA = "qa", "问答"
        RESPONSE = "response", "回应关切"

    summary_required = True
    policy = models.ForeignKey(
        PolicyPage,
        verbose_name="解读的文件",
        null=True,
        blank=True,  # required by clean() except for a 回应关切
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

    def explained_policy(self):
        """The policy this interpretation explains (live or not), or None."""
        if not self.policy_id:
            return None
        policy = self.policy
        pagecache.depends_on(*pagecache.path_tags(policy.path))  # its title, facts, being live, its URL
        return policy

    def clean(self):
        super().clean()
        if not self.policy_id and self.form != self.Form.RESPONSE:
            raise ValidationError({"policy": "请选择这篇解读对应的政策文件。"})
