"""The 政府信息公开 section of a unit and its fixed parts: guide, rules, 主动公开 items, 依申请公开, annual reports.

Every unit with a home page (the county, each town or street, each department) gets one section,
slug ``gongkai``, provisioned with its standard structure (``disclosure.provisioning``). Pages here
go live through the unit's 三审 like every other page below its home.
"""

from django.core.exceptions import ValidationError
from django.db import models
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from townsquare.publishing.models import RICH_TEXT_FEATURES, ArticlePage, UnitOwnedMixin

from ..choices import Category

SECTION_SLUG = "gongkai"
# /gongkai/shenqing/ belongs to the 依申请公开 application pages (Django URLs of another app).
RESERVED_CHILD_SLUGS = {"shenqing"}


class SectionChildMixin:
    """A page of the section: its slug must leave the application pages' address free."""

    def clean(self):
        super().clean()
        if self.slug in RESERVED_CHILD_SLUGS:
            raise ValidationError({"slug": f"“{self.slug}”是在线申请页面的网址，请换一个网址名。"})


class SingleChildMixin:
    """A page type of which a section holds one only (its guide, its rules, its 依申请公开 page)."""

    @classmethod
    def can_create_at(cls, parent):
        return super().can_create_at(parent) and not cls.objects.child_of(parent).exists()


class DisclosureIndexPage(SingleChildMixin, UnitOwnedMixin, Page):
    """政府信息公开: the unit's section, with its 公开目录 (catalogue) and 标准目录 areas."""

    intro = models.TextField("栏目简介", blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["publishing.HomePage", "publishing.UnitHomePage"]
    subpage_types = [
        "disclosure.DisclosureTextPage",
        "disclosure.DisclosureItemPage",
        "disclosure.DisclosureApplicationPage",
        "disclosure.DisclosureReportIndexPage",
    ]
    template = "disclosure/index_page.html"

    class Meta:
        verbose_name = "政府信息公开"
        verbose_name_plural = "政府信息公开"

    def get_context(self, request, *args, **kwargs):
        from ..public import section_context

        context = super().get_context(request, *args, **kwargs)
        context.update(section_context(self, request))
        return context


class DisclosureTextPage(SectionChildMixin, UnitOwnedMixin, Page):
    """公开指南 or 公开制度: plain text the unit keeps up to date."""

    class Kind(models.TextChoices):
        GUIDE = "guide", "政府信息公开指南"
        RULES = "rules", "政府信息公开制度"

    kind = models.CharField("类型", max_length=10, choices=Kind.choices)
    body = RichTextField("正文", features=RICH_TEXT_FEATURES)

    content_panels = Page.content_panels + [FieldPanel("kind"), FieldPanel("body")]
    parent_page_types = ["disclosure.DisclosureIndexPage"]
    subpage_types = []
    template = "disclosure/text_page.html"

    class Meta:
        verbose_name = "公开指南或制度"
        verbose_name_plural = "公开指南和制度"

    def clean(self):
        super().clean()
        parent = self.get_parent() if self.path else None
        if parent is None or not self.kind:
            return
        siblings = DisclosureTextPage.objects.child_of(parent).filter(kind=self.kind).exclude(pk=self.pk)
        if siblings.exists():
            raise ValidationError({"kind": f"本栏目已有“{self.get_kind_display()}”，请直接修改那一页。"})


class DisclosureItemPage(SectionChildMixin, ArticlePage):
    """A 法定主动公开 item published in the section itself (机构信息, 财政预决算, 规划计划 …)."""

    category = models.CharField("公开类别", max_length=20, choices=Category.choices, default=Category.OTHER)

    content_panels = (
        Page.content_panels
        + [FieldPanel("category"), FieldPanel("summary"), FieldPanel("body")]
        + ArticlePage.meta_panels
    )
    parent_page_types = ["disclosure.DisclosureIndexPage"]
    subpage_types = []
    template = "publishing/article_page.html"

    class Meta:
        verbose_name = "主动公开信息"
        verbose_name_plural = "主动公开信息"


class DisclosureApplicationPage(SectionChildMixin, SingleChildMixin, UnitOwnedMixin, Page):
    """依申请公开: how to apply, and the links of the app that takes applications (if one is installed)."""

    body = RichTextField("申请须知", features=RICH_TEXT_FEATURES)

    content_panels = Page.content_panels + [FieldPanel("body")]
    parent_page_types = ["disclosure.DisclosureIndexPage"]
    subpage_types = []
    template = "disclosure/application_page.html"

    class Meta:
        verbose_name = "依申请公开"
        verbose_name_plural = "依申请公开"

    def application_links(self):
        """(label, url) pairs from hook ``townsquare_disclosure_application``: fn(unit) -> [(label, url), ...]."""
        unit = self.nearest_unit()
        links = []
        for provider in hooks.get_hooks("townsquare_disclosure_application"):
            links.extend((label, url) for label, url in provider(unit) or () if label and url)
        return links


class DisclosureReportIndexPage(SectionChildMixin, SingleChildMixin, UnitOwnedMixin, Page):
    """政府信息公开工作年度报告: the unit's reports, newest year first."""

    intro = models.TextField("说明", blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["disclosure.DisclosureIndexPage"]
    subpage_types = ["disclosure.DisclosureReportPage"]
    template = "disclosure/report_index_page.html"

    class Meta:
        verbose_name = "年度报告栏目"
        verbose_name_plural = "年度报告栏目"

    def reports(self):
        return DisclosureReportPage.objects.live().child_of(self).select_related("document").order_by("-year")


class DisclosureReportPage(UnitOwnedMixin, Page):
    """One year's 政府信息公开工作年度报告: its text, and the signed document when there is one.

    Staff upload past years' reports; the 公开年报 generator (``disclosure.annual``) fills ``tables`` (the
    national tables, counts only) and ``body`` (the report's texts) through a revision.
    """

    year = models.PositiveSmallIntegerField("年度")
    body = RichTextField("报告正文", features=RICH_TEXT_FEATURES, blank=True)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name="报告文件",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="盖章的报告文件（PDF 等），可选。",
    )
    tables = models.JSONField("统计表", default=dict, blank=True, editable=False)

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("year"), FieldPanel("document")]),
        FieldPanel("body"),
    ]
    parent_page_types = ["disclosure.DisclosureReportIndexPage"]
    subpage_types = []
    template = "disclosure/report_page.html"

    class Meta:
        verbose_name = "年度报告"
        verbose_name_plural = "年度报告"

    def clean(self):
        super().clean()
        if self.year and not 2008 <= self.year <= 2100:
            raise ValidationError({"year": "请填写报告所属的年份，如 2025。"})
        if not self.body.strip() and not self.document_id and not self.tables:
            raise ValidationError({"body": "请填写报告正文，或上传报告文件。"})
        parent = self.get_parent() if self.path else None
        if parent is not None and self.year:
            if DisclosureReportPage.objects.child_of(parent).filter(year=self.year).exclude(pk=self.pk).exists():
                raise ValidationError({"year": f"{self.year}年度的报告已经有了，请直接修改那一页。"})

    @classmethod
    def default_title(cls, unit, year):
        return f"{unit.display_name}{year}年政府信息公开工作年度报告"
