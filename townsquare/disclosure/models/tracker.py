"""基层政务公开标准目录: the areas the county applies to each unit, and each unit's catalogue items.

条例 art. 26: information is published within ``DISCLOSURE_PUBLISH_WORKING_DAYS`` (20) working days of
being formed or changed. An item's state follows from its date and the live pages that publish it.
"""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, PageChooserPanel
from wagtail.models import Orderable

from townsquare.core.workdays import working_days_after
from townsquare.units.models import Unit

from ..choices import Area


class AppliedArea(models.Model):
    """An area of the 标准目录 that the county decided applies to a unit."""

    unit = models.ForeignKey(Unit, verbose_name="单位", on_delete=models.CASCADE, related_name="disclosure_areas")
    area = models.CharField("领域", max_length=20, choices=Area.choices)

    panels = [FieldPanel("unit"), FieldPanel("area")]

    class Meta:
        verbose_name = "适用的标准目录领域"
        verbose_name_plural = "适用的标准目录领域"
        ordering = ["unit__sort_order", "unit_id", "area"]
        constraints = [models.UniqueConstraint(fields=["unit", "area"], name="disclosure_applied_area_unique")]

    def __str__(self):
        return f"{self.unit.display_name} · {self.get_area_display()}"


class ItemState(models.TextChoices):
    ON_TIME = "on_time", "已公开（按时）"
    LATE = "late", "已公开（逾期）"
    NOT_DUE = "not_due", "未到期"
    OVERDUE = "overdue", "已超期"


PUBLISHED_STATES = (ItemState.ON_TIME, ItemState.LATE)


@dataclass(frozen=True)
class Status:
    state: str
    due_on: date
    published_on: date | None

    @property
    def label(self):
        return ItemState(self.state).label

    @property
    def is_published(self):
        return self.state in PUBLISHED_STATES


def due_date(formed_on):
    """The last day to publish information formed or changed on ``formed_on`` (working days, 次日起算)."""
    return working_days_after(formed_on, settings.DISCLOSURE_PUBLISH_WORKING_DAYS)


def status_of(formed_on, published_dates, today):
    """The state of an item formed or changed on ``formed_on``, given the publication dates of its pages."""
    due = due_date(formed_on)
    after_change = [day for day in published_dates if day >= formed_on]
    if after_change:
        published = min(after_change)
        return Status(ItemState.ON_TIME if published <= due else ItemState.LATE, due, published)
    return Status(ItemState.NOT_DUE if today <= due else ItemState.OVERDUE, due, None)


class StandardItem(ClusterableModel):
    """One 事项 of a unit's 标准目录: what is published, on what basis, by whom, where and when."""

    unit = models.ForeignKey(Unit, verbose_name="单位", on_delete=models.CASCADE, related_name="disclosure_items")
    area = models.CharField("领域", max_length=20, choices=Area.choices)
    title = models.CharField("公开事项", max_length=100)
    content = models.TextField("公开内容（要素）")
    basis = models.TextField("公开依据", help_text="如：《社会救助暂行办法》第十一条。")
    owner = models.CharField("责任主体", max_length=60, help_text="负责公开的科室或单位。")
    channel = models.CharField("公开渠道", max_length=100, default="县政府网站本单位政府信息公开栏目")
    time_limit = models.CharField("公开时限", max_length=100, default="信息形成或变更之日起20个工作日内")
    formed_on = models.DateField("信息形成或变更日期")

    panels = [
        FieldRowPanel([FieldPanel("unit"), FieldPanel("area")]),
        FieldPanel("title"),
        FieldPanel("content"),
        FieldPanel("basis"),
        FieldRowPanel([FieldPanel("owner"), FieldPanel("channel")]),
        FieldRowPanel([FieldPanel("time_limit"), FieldPanel("formed_on")]),
        InlinePanel("publications", label="公开它的页面"),
    ]

    class Meta:
        verbose_name = "标准目录事项"
        verbose_name_plural = "标准目录事项"
        ordering = ["unit__sort_order", "unit_id", "area", "title"]

    def __str__(self):
        return f"{self.unit.display_name} · {self.title}"

    def clean(self):
        super().clean()
        if self.unit_id and self.area and not AppliedArea.objects.filter(unit_id=self.unit_id, area=self.area).exists():
            raise ValidationError(
                {"area": f"县里没有为本单位选定“{Area(self.area).label}”领域；请换一个领域，或请县政务公开办先添加。"}
            )

    @property
    def due_on(self):
        return due_date(self.formed_on)

    def status(self, today=None):
        """The item's state now (uses the pages' publication dates; prefetch ``publications__page``)."""
        today = today or timezone.localdate()
        dates = [
            timezone.localdate(link.page.last_published_at or link.page.first_published_at)
            for link in self.publications.all()
            if link.page.live and (link.page.last_published_at or link.page.first_published_at)
        ]
        return status_of(self.formed_on, dates, today)

    @classmethod
    def with_pages(cls):
        return cls.objects.select_related("unit").prefetch_related("publications__page")


class StandardItemPage(Orderable):
    """A live page that publishes a 标准目录 item."""

    item = ParentalKey(StandardItem, on_delete=models.CASCADE, related_name="publications")
    page = models.ForeignKey("wagtailcore.Page", verbose_name="页面", on_delete=models.CASCADE, related_name="+")

    panels = [PageChooserPanel("page")]

    class Meta(Orderable.Meta):
        verbose_name = "公开页面"
        verbose_name_plural = "公开页面"
