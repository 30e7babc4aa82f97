"""Interviews for the tests: a column under a home, an interview in it, questions and lines."""

from datetime import timedelta

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from townsquare.interviews.models import InterviewIndexPage, InterviewPage, Line, Question

from ..factories import PageFactory


class InterviewIndexPageFactory(PageFactory):
    class Meta:
        model = InterviewIndexPage

    title = "在线访谈"
    slug = "fangtan"


class InterviewPageFactory(PageFactory):
    """An interview starting ``starts_in`` from now (negative: already started), lasting ``hours``."""

    class Meta:
        model = InterviewPage

    class Params:
        starts_in = timedelta(days=3)
        hours = 2

    title = factory.Sequence(lambda n: f"就业帮扶怎么办（第{n}期）")
    slug = factory.Sequence(lambda n: f"fangtan-{n}")
    summary = "县人社局局长谈今冬就业帮扶：哪些人能领补贴、去哪报名。"
    guest_name = "李建国"
    guest_title = "县人社局局长"
    starts_at = factory.LazyAttribute(lambda o: timezone.now() + o.starts_in)
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + timedelta(hours=o.hours))


class QuestionFactory(DjangoModelFactory):
    class Meta:
        model = Question

    text = factory.Sequence(lambda n: f"灵活就业人员社保补贴怎么申请？（{n}）")
    name = "王秀英"
    phone = "13812345678"
    email = "wang@example.com"


class LineFactory(DjangoModelFactory):
    class Meta:
        model = Line

    speaker = Line.Speaker.GUEST
    text = factory.Sequence(lambda n: f"今年全县新增就业岗位一千二百个。（{n}）")
