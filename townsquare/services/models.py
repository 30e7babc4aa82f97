"""办事指南: one guide per service a unit offers, with every element the inspection rules expect.

A guide is a Wagtail page under its unit's "办事指南" index, so revisions, the 三审
workflow and per-unit permissions apply as to any publication. Repeating elements
(materials, steps, FAQ, legal basis) are inline rows so they can be checked one by one.
What counts as complete lives in ``completeness.py``; this module only stores.
"""

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail import hooks
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from townsquare.publishing.models import UnitOwnedMixin
from townsquare.units.models import Unit

from . import completeness
from .forms import ServiceGuideForm
from .panels import CompletenessPanel


def today():
    return timezone.localdate()


class LifeEvent(index.Indexed, models.Model):
    """人生事件 (出生、上学、就业创业……): the first way residents look for a service."""

    name = models.CharField("名称", max_length=20, unique=True)
    slug = models.SlugField("网址名", max_length=40, unique=True, help_text="如 chusheng，用在网址里。")
    icon = models.CharField(
        "图标",
        max_length=40,
        default="clipboard-check",
        help_text="lucide 图标名，需已放在 townsquare/core/templates/icons/ 里，如 baby、school、briefcase。",
    )
    hint = models.CharField("一句话说明", max_length=40, blank=True, help_text="如：出生登记、办户口、领社保卡。")
    sort_order = models.PositiveIntegerField("排序", default=100)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("icon"), FieldPanel("hint"), FieldPanel("sort_order")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        verbose_name = "人生事件"
        verbose_name_plural = "人生事件"
        ordering = ["sort_order", "id"]

    def __str__(self):
        return self.name


register_snippet(LifeEvent)


class ServiceIndexPage(UnitOwnedMixin, Page):
    """A unit's "办事指南" column: lists the unit's guides; the county-wide finder is /banshi/."""

    intro = models.TextField("简介", blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["publishing.HomePage", "publishing.UnitHomePage"]
    subpage_types = ["services.ServiceGuidePage"]
    template = "services/service_index_page.html"

    class Meta:
        verbose_name = "办事指南栏目"
        verbose_name_plural = "办事指南栏目"

    def serve(self, request, *args, **kwargs):
        from .views import unit_guides

        return unit_guides(request, self)


def booking_urls(guides):
    """{guide pk: booking URL} for those of ``guides`` that can be booked online (hook
    ``townsquare_guide_booking_urls``, see ``ServiceGuidePage.booking_url``); one query per hook."""
    guides = [guide for guide in guides if guide.pk is not None]
    urls = {}
    if not guides:
        return urls
    for lookup in hooks.get_hooks("townsquare_guide_booking_urls"):
        for pk, url in (lookup(guides) or {}).items():
            if url:
                urls.setdefault(pk, url)
    return urls


class ServiceGuideQuerySet(PageQuerySet):
    def with_elements(self):
        """Everything ``missing_elements()`` and the cards read, fetched in a fixed number of queries."""
        return self.select_related("unit").prefetch_related("materials", "steps", "faqs", "legal_basis", "life_events")

    def incomplete(self):
        """Guides with at least one element missing, decided in SQL (same rules as ``missing_elements``)."""
        return self.filter(completeness.incomplete_q())

    def complete(self):
        return self.exclude(completeness.incomplete_q())

    def stale(self, on=None):
        """Guides neither checked (核对日期) nor republished within SERVICE_GUIDE_STALE_DAYS."""
        return self.filter(completeness.stale_q(on or today(), settings.SERVICE_GUIDE_STALE_DAYS))


ServiceGuideManager = PageManager.from_queryset(ServiceGuideQuerySet)


class ServiceGuidePage(RoutablePageMixin, UnitOwnedMixin, Page):
    """One service (事项) with every element of a complete guide."""

    class Fee(models.TextChoices):
        FREE = "free", "不收费"
        CHARGED = "charged", "收费"

    class Visits(models.IntegerChoices):
        ZERO = 0, "零跑动（全程网上办）"
        ONCE = 1, "最多跑一次"
        MORE = 2, "跑两次及以上"

    unit = models.ForeignKey(
        Unit,
        verbose_name="实施主体",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="service_guides",
        help_text="留空则为本栏目所属单位。",
    )
    summary = models.CharField(
        "一句话说明", max_length=120, blank=True, help_text="说人话：谁、什么情况下来办这件事。如：孩子出生后报户口。"
    )
    keywords = models.CharField(
        "别名/关键词", max_length=200, blank=True, help_text="群众常用的叫法，用空格分开，如：准生证 生育服务证。"
    )
    for_person = models.BooleanField("个人", default=True)
    for_organisation = models.BooleanField("法人（企业、社会组织等）", default=False)
    applicants = models.TextField("服务对象", blank=True, help_text="谁可以办，如：本县户籍、年满60周岁的老人。")
    conditions = models.TextField("办理条件", blank=True, help_text="一条一行。")
    legal_days = models.PositiveSmallIntegerField(
        "法定时限（工作日）", null=True, blank=True, help_text="法律法规规定的办结时限；当场办结填 0。"
    )
    promised_days = models.PositiveSmallIntegerField(
        "承诺时限（工作日）", null=True, blank=True, help_text="本单位承诺的办结时限，不能长于法定时限；当场办结填 0。"
    )
    time_limit_note = models.CharField(
        "时限说明", max_length=200, blank=True, help_text="可选，如：需要实地核查的，核查时间不计入。"
    )
    fee = models.CharField("是否收费", max_length=10, choices=Fee.choices, blank=True)
    fee_standard = models.TextField("收费标准", blank=True, help_text="收费的写明标准和依据；不收费可留空。")
    place = models.CharField("办理地点", max_length=200, blank=True, help_text="如：青禾镇便民服务中心一楼。")
    window = models.CharField("办理窗口", max_length=100, blank=True, help_text="如：3号社保医保窗口。")
    office_hours = models.CharField("办公时间", max_length=160, blank=True)
    transport = models.CharField("交通指引", max_length=200, blank=True, help_text="如：乘2路公交到禾丰路站下车。")
    consult_phone = models.CharField("咨询电话", max_length=40, blank=True)
    complaint_phone = models.CharField("监督投诉电话", max_length=40, blank=True)
    online_url = models.URLField("在线办理链接", blank=True, help_text="能在网上办的，填办理页面的地址。")
    visits = models.PositiveSmallIntegerField("跑动次数", choices=Visits.choices, null=True, blank=True)
    life_events = ParentalManyToManyField(
        LifeEvent, verbose_name="人生事件", blank=True, related_name="guides", help_text="群众会在哪些事情里找到它。"
    )
    reviewed_on = models.DateField(
        "核对日期",
        default=today,
        help_text="对照实际核对过指南后，改成当天。超过规定时间未核对或更新的指南会被标为“长期未核对”。",
    )
    incomplete_reason = models.TextField(
        "缺项说明",
        blank=True,
        help_text="指南缺少要素时必须写明原因（如：本事项无法定时限，依据是……），否则不能发布。",
    )

    objects = ServiceGuideManager()

    # The page's detail is the same for every visitor: kept as a fragment ({% detail_fragment %}).
    keeps_detail = True

    base_form_class = ServiceGuideForm
    parent_page_types = ["services.ServiceIndexPage"]
    subpage_types = []
    template = "services/service_guide_page.html"

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("keywords"),
        index.FilterField("unit"),
    ]

    content_panels = Page.content_panels + [
        CompletenessPanel(heading="完整性检查"),
        FieldPanel("summary"),
        FieldPanel("keywords"),
        MultiFieldPanel(
            [
                FieldPanel("unit"),
                FieldRowPanel([FieldPanel("for_person"), FieldPanel("for_organisation")], heading="面向"),
                FieldPanel("applicants"),
                FieldPanel("life_events", widget=forms.CheckboxSelectMultiple),
            ],
            heading="实施主体与服务对象",
        ),
        FieldPanel("conditions"),
        InlinePanel("materials", label="申请材料", heading="申请材料"),
        InlinePanel("steps", label="办理步骤", heading="办理流程"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("legal_days"), FieldPanel("promised_days")]),
                FieldPanel("time_limit_note"),
                FieldRowPanel([FieldPanel("fee"), FieldPanel("visits")]),
                FieldPanel("fee_standard"),
            ],
            heading="时限、收费、跑动次数",
        ),
        MultiFieldPanel(
            [
                FieldPanel("place"),
                FieldRowPanel([FieldPanel("window"), FieldPanel("office_hours")]),
                FieldPanel("transport"),
                FieldRowPanel([FieldPanel("consult_phone"), FieldPanel("complaint_phone")]),
                FieldPanel("online_url"),
            ],
            heading="去哪办、问谁",
        ),
        InlinePanel("faqs", label="常见问题", heading="常见问题"),
        InlinePanel("legal_basis", label="法律依据", heading="法律依据"),
        MultiFieldPanel([FieldPanel("reviewed_on"), FieldPanel("incomplete_reason")], heading="核对与缺项说明"),
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading="内容"),
            ObjectList(Page.promote_panels, heading="推广"),
            ObjectList(Page.settings_panels, heading="设置"),
        ]
    )

    class Meta:
        verbose_name = "办事指南"
        verbose_name_plural = "办事指南"

    # --- rules ------------------------------------------------------------------
    def clean(self):
        super().clean()
        errors = {}
        if self.legal_days is not None and self.promised_days is not None and self.promised_days > self.legal_days:
            errors["promised_days"] = "承诺时限不能长于法定时限。"
        if not self.for_person and not self.for_organisation:
            errors["for_organisation"] = "请至少勾选一项：个人或法人。"
        if errors:
            raise ValidationError(errors)

    def missing_elements(self, children=None):
        """Chinese names of the elements this guide lacks, in the order of the national guide template."""
        return completeness.missing_elements(self, children)

    def is_stale(self, on=None):
        return completeness.is_stale(self, on or today(), settings.SERVICE_GUIDE_STALE_DAYS)

    def publish_refusal(self, children=None):
        """Why this guide may not go live (a Chinese sentence), or "" when it may."""
        return completeness.publish_refusal(self, children)

    def save(self, *args, **kwargs):
        if self.unit_id is None and self.path:
            parent = self.get_parent() if self.pk is None else None
            if parent is not None:
                self.unit = UnitOwnedMixin.nearest_unit(parent)
            elif self.pk is not None:
                self.unit = self.nearest_unit()
        return super().save(*args, **kwargs)

    def publish(self, revision, *args, **kwargs):
        """Every way of going live (publish button, 三审 final approval, scheduler) passes here."""
        refusal = revision.as_object().publish_refusal()
        if refusal:
            raise IncompleteGuideError(refusal)
        return super().publish(revision, *args, **kwargs)

    # --- what residents see -------------------------------------------------------
    @property
    def audience_labels(self):
        labels = []
        if self.for_person:
            labels.append("个人")
        if self.for_organisation:
            labels.append("法人")
        return labels

    @property
    def visits_label(self):
        return self.Visits(self.visits).label if self.visits is not None else ""

    @staticmethod
    def days_label(days):
        if days is None:
            return ""
        return "当场办结" if days == 0 else f"{days}个工作日"

    @property
    def promised_label(self):
        return self.days_label(self.promised_days)

    @property
    def promise_phrase(self):
        """当场办好 / 承诺5个工作日内办好 (empty when unknown)."""
        if self.promised_days is None:
            return ""
        return "当场办好" if self.promised_days == 0 else f"承诺{self.promised_days}个工作日内办好"

    @property
    def legal_label(self):
        return self.days_label(self.legal_days)

    @property
    def fee_label(self):
        if self.fee == self.Fee.FREE:
            return "不收费"
        return self.fee_standard or ("收费" if self.fee else "")

    def condition_lines(self):
        return [line.strip() for line in self.conditions.splitlines() if line.strip()]

    @property
    def booking_url(self):
        """Where to book this service online (the 预约办理 button), or "".

        Hook ``townsquare_guide_booking_urls``: a function taking a list of guides and returning
        {guide pk: booking URL} for those that can be booked (so services never imports appointments).
        The first function that answers wins.
        """
        if self.pk is None:
            return ""
        return booking_urls([self]).get(self.pk, "")

    def detail_valid_until(self, now):
        """Nothing on the page changes with the clock before midnight (the 长期未核对 banner changes then)."""
        return None

    def get_context(self, request, *args, **kwargs):
        """The guide with its rows: one query per kind of row, however many rows there are, each read only
        when the page's detail is built (not when it is kept, ``{% detail_fragment %}``)."""
        context = super().get_context(request, *args, **kwargs)
        rows = {
            name: SimpleLazyObject(lambda name=name: list(getattr(self, name).all()))
            for name in ("materials", "steps", "faqs", "legal_basis")
        }
        context.update(
            rows,
            guide=self,
            unit=self.unit,
            events=SimpleLazyObject(lambda: list(self.life_events.all())),
            stale=SimpleLazyObject(self.is_stale),
            checklist_url=self.url + self.reverse_subpage("checklist") if self.url else "",
            print_url=self.url + self.reverse_subpage("printable") if self.url else "",
            index_url=_index_url(),
            missing=SimpleLazyObject(lambda: completeness.missing_elements(self, rows)),
        )
        return context

    @path("qingdan/")
    def checklist(self, request):
        from .views import guide_checklist

        return guide_checklist(request, self)

    @path("dayin/")
    def printable(self, request):
        from .views import guide_print

        return guide_print(request, self)


def _index_url():
    from django.urls import reverse

    return reverse("services:index")


class IncompleteGuideError(PermissionDenied):
    """Raised when something tries to publish a guide that lacks elements and gives no 缺项说明."""


class GuideMaterial(Orderable):
    """申请材料: what to bring, as 原件/复印件 with counts, and where to get it."""

    page = ParentalKey(ServiceGuidePage, on_delete=models.CASCADE, related_name="materials")
    name = models.CharField("材料名称", max_length=120)
    originals = models.PositiveSmallIntegerField("原件（份）", default=1)
    copies = models.PositiveSmallIntegerField("复印件（份）", default=0)
    source = models.CharField("从哪里获取", max_length=160, blank=True, help_text="如：申请人自备、村委会开具。")
    required = models.BooleanField("必须提供", default=True, help_text="不勾选表示视情况提供，请在说明里写明什么情况。")
    note = models.CharField("说明", max_length=200, blank=True)

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("originals"), FieldPanel("copies"), FieldPanel("required")]),
        FieldPanel("source"),
        FieldPanel("note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "申请材料"
        verbose_name_plural = "申请材料"

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        if not self.originals and not self.copies:
            raise ValidationError({"copies": "原件和复印件不能都是 0 份。"})

    @property
    def form_label(self):
        """原件1份、复印件2份."""
        parts = []
        if self.originals:
            parts.append(f"原件{self.originals}份")
        if self.copies:
            parts.append(f"复印件{self.copies}份")
        return "、".join(parts)


class GuideStep(Orderable):
    page = ParentalKey(ServiceGuidePage, on_delete=models.CASCADE, related_name="steps")
    title = models.CharField("步骤", max_length=60, help_text="如：窗口受理。")
    description = models.TextField("说明", blank=True)

    panels = [FieldPanel("title"), FieldPanel("description")]

    class Meta(Orderable.Meta):
        verbose_name = "办理步骤"
        verbose_name_plural = "办理步骤"

    def __str__(self):
        return self.title


class GuideQuestion(Orderable):
    page = ParentalKey(ServiceGuidePage, on_delete=models.CASCADE, related_name="faqs")
    question = models.CharField("问", max_length=200)
    answer = models.TextField("答")

    panels = [FieldPanel("question"), FieldPanel("answer")]

    class Meta(Orderable.Meta):
        verbose_name = "常见问题"
        verbose_name_plural = "常见问题"

    def __str__(self):
        return self.question


class GuideLegalBasis(Orderable):
    page = ParentalKey(ServiceGuidePage, on_delete=models.CASCADE, related_name="legal_basis")
    name = models.CharField("法律法规名称", max_length=160, help_text="如：《中华人民共和国户口登记条例》。")
    article = models.CharField("条款", max_length=200, blank=True, help_text="如：第七条。")

    panels = [FieldRowPanel([FieldPanel("name"), FieldPanel("article")])]

    class Meta(Orderable.Meta):
        verbose_name = "法律依据"
        verbose_name_plural = "法律依据"

    def __str__(self):
        return f"{self.name}{self.article}"


__all__ = [
    "LifeEvent",
    "ServiceIndexPage",
    "ServiceGuidePage",
    "GuideMaterial",
    "GuideStep",
    "GuideQuestion",
    "GuideLegalBasis",
    "IncompleteGuideError",
]
