"""Factories of 政务公开: 标准目录 areas and items, items published in a section."""

import datetime

import factory
from factory.django import DjangoModelFactory

from townsquare.disclosure.choices import Area, Category
from townsquare.disclosure.models import (
    AnnualReport,
    AppliedArea,
    DisclosureIndexPage,
    DisclosureItemPage,
    StandardItem,
)

from ..factories import PageFactory


def section_of(place):
    """The 政府信息公开 section below a place's home."""
    return DisclosureIndexPage.objects.child_of(place.home).get()


class AppliedAreaFactory(DjangoModelFactory):
    class Meta:
        model = AppliedArea

    area = Area.ASSISTANCE


class StandardItemFactory(DjangoModelFactory):
    """Needs ``unit=``; applies its area to that unit first."""

    class Meta:
        model = StandardItem

    area = Area.ASSISTANCE
    title = factory.Sequence(lambda n: f"城乡低保对象名单（第{n}批）")
    content = "姓名（部分隐去）、所在村、保障人数、保障金额。"
    basis = "《社会救助暂行办法》"
    owner = "镇民政办"
    formed_on = datetime.date(2026, 3, 2)

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        AppliedArea.objects.get_or_create(unit=kwargs["unit"], area=kwargs.get("area", cls.area))
        return super()._create(model_class, *args, **kwargs)


class DisclosureItemPageFactory(PageFactory):
    """Needs ``parent=`` (a section)."""

    class Meta:
        model = DisclosureItemPage

    title = factory.Sequence(lambda n: f"示范县{n}年部门预算公开说明")
    summary = "本年度收支预算和三公经费。"
    category = Category.BUDGET


class AnnualReportFactory(DjangoModelFactory):
    """Needs ``unit=``: a 公开年报 with its texts and some staff-entered figures."""

    class Meta:
        model = AnnualReport

    year = 2025
    overview = "本年坚持以公开为常态，按标准目录公开各类信息。"
    problems = "个别栏目更新不够及时。下一步按月检查。"
    other_matters = "本年未收取信息处理费。"
    licensing = 12
    penalty = 3
    coercion = 1
    fees = "1.5"
    review_upheld = 1
    review_corrected = 1
