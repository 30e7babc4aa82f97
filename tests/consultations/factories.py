"""Consultations and comments for tests: ``ConsultationPageFactory(parent=index_of(place))``."""

import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from townsquare.consultations.models import Comment, ConsultationIndexPage, ConsultationPage

from ..factories import PageFactory

DRAFT = [
    ("heading", "一、总体目标"),
    ("paragraph", "2027年，全县新建和改造农村公路50公里，每个行政村都通硬化路。"),
    ("paragraph", "村道养护资金由县财政和乡镇按7比3分担。"),
    ("heading", "二、实施步骤"),
    ("paragraph", "每年3月公布当年修路清单，村民可以在村务公开栏查看。"),
]


def index_of(place):
    """The place's 征求意见 column (made when the unit was provisioned)."""
    return ConsultationIndexPage.objects.child_of(place.home).get()


class ConsultationPageFactory(PageFactory):
    class Meta:
        model = ConsultationPage

    title = factory.Sequence(lambda n: f"示范县农村公路建设计划（征求意见稿{n}）")
    summary = "计划明年修哪些路、钱怎么分担，请您提意见。"
    opens_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
    closes_at = factory.LazyAttribute(lambda page: page.opens_at + datetime.timedelta(days=30))
    questions = "养护资金按7比3分担合适吗？\n还有哪条路应该先修？"
    draft = factory.LazyFunction(lambda: list(DRAFT))


class CommentFactory(DjangoModelFactory):
    class Meta:
        model = Comment

    text = "建议先修通往学校的那段路，下雨天孩子上学不方便。"
    name = "王小明"
    phone = "13900001111"
    wants_public = True
    submission_key = factory.Sequence(lambda n: f"test-comment-key-{n:08d}")


def first_paragraph(page):
    return next(item for item in page.paragraphs() if "anchor" in item)
