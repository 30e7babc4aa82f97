"""factory_boy factories for users, units, memberships and every page type.

Page factories need a parent: ``NewsPageFactory(parent=section)`` adds the page under
``section`` and publishes it (``section.add_child(instance=page); page.save_revision().publish()``).
Pass ``publish=False`` for a draft that was never live.
"""

import datetime

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone
from factory.django import DjangoModelFactory

from townsquare.publishing.models import (
    InterpretationPage,
    NewsPage,
    NoticePage,
    PolicyPage,
    PublicityPage,
    TopicItem,
    TopicPage,
)
from townsquare.units.models import Membership, Role, Unit

PASSWORD = "test-pass-2026"


class UserFactory(DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"staff{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.gov.cn")
    first_name = "测试"
    password = factory.django.Password(PASSWORD)


class UnitFactory(DjangoModelFactory):
    class Meta:
        model = Unit

    name = factory.Sequence(lambda n: f"第{n}镇")
    short_name = factory.LazyAttribute(lambda unit: unit.name)
    slug = factory.Sequence(lambda n: f"unit-{n}")
    kind = Unit.Kind.TOWN
    phone = "0000-1234567"
    address = "示范县人民路1号"
    office_hours = "工作日 8:30-12:00，14:00-17:30"


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    unit = factory.SubFactory(UnitFactory)
    role = Role.EDITOR


# --- Pages -------------------------------------------------------------------------


def publish(page, user=None):
    """Save a revision of ``page`` and publish it; returns the page fresh from the database."""
    page.save_revision(user=user).publish(user=user)
    return type(page).objects.get(pk=page.pk)


class PageFactory(factory.Factory):
    """Adds the page under ``parent`` and, unless ``publish=False``, publishes it."""

    class Meta:
        abstract = True

    title = factory.Sequence(lambda n: f"测试页面{n}")
    slug = factory.Sequence(lambda n: f"page-{n}")

    @classmethod
    def _create(cls, model_class, *args, parent, publish=True, **kwargs):
        page = model_class(*args, **kwargs)
        if not publish:
            page.live = False
        parent.add_child(instance=page)
        revision = page.save_revision()
        if publish:
            revision.publish()
        return model_class.objects.get(pk=page.pk)


class NewsPageFactory(PageFactory):
    class Meta:
        model = NewsPage

    title = factory.Sequence(lambda n: f"镇里召开第{n}次村民代表会议")
    summary = "村民代表讨论了今年的道路修缮计划。"


class NoticePageFactory(PageFactory):
    class Meta:
        model = NoticePage

    title = factory.Sequence(lambda n: f"关于第{n}次停水的通知")
    summary = "东街居民注意：周三上午停水，请提前储水。"
    applies_to = "东街居民"


class PublicityPageFactory(PageFactory):
    class Meta:
        model = PublicityPage

    title = factory.Sequence(lambda n: f"第{n}批低保对象名单公示")
    summary = "以下家庭拟纳入低保，公示期内可提出异议。"
    period_starts = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
    period_ends = factory.LazyAttribute(lambda page: page.period_starts + datetime.timedelta(days=7))
    objection_contact = "县民政局社会救助股，电话 0000-1234567"


class PolicyPageFactory(PageFactory):
    class Meta:
        model = PolicyPage

    title = factory.Sequence(lambda n: f"示范县农村道路养护办法（第{n}号）")
    summary = "规定了村道由谁养、钱从哪里来、坏了找谁。"
    document_number = factory.Sequence(lambda n: f"示政办发〔2026〕{n}号")
    issuing_authority = "示范县人民政府办公室"
    written_on = datetime.date(2026, 3, 2)
    published_on = datetime.date(2026, 3, 5)


class InterpretationPageFactory(PageFactory):
    """Needs ``policy=`` (the policy page it explains)."""

    class Meta:
        model = InterpretationPage

    title = factory.Sequence(lambda n: f"一图读懂道路养护办法（{n}）")
    summary = "用一张图说清村道养护的分工。"
    form = InterpretationPage.Form.GRAPHIC


class TopicPageFactory(PageFactory):
    """Pass ``pages=[...]`` to gather pages into the topic."""

    class Meta:
        model = TopicPage

    title = factory.Sequence(lambda n: f"专题：乡村振兴{n}")
    summary = "乡村振兴的政策、动态和办事指南都在这里。"

    @classmethod
    def _create(cls, model_class, *args, pages=(), **kwargs):
        kwargs["items"] = [TopicItem(page=page, group=group) for page, group in _with_groups(pages)]
        return super()._create(model_class, *args, **kwargs)


def _with_groups(pages):
    for entry in pages:
        yield entry if isinstance(entry, tuple) else (entry, "")


class ImageFactory(DjangoModelFactory):
    """A small PNG in the Wagtail image library (written under the test MEDIA_ROOT)."""

    class Meta:
        model = "wagtailimages.Image"

    title = factory.Sequence(lambda n: f"图片{n}")
    file = factory.LazyFunction(lambda: _test_image_file())


def _test_image_file():
    from wagtail.images.tests.utils import get_test_image_file

    return get_test_image_file(size=(64, 36))


class KnowledgeEntryFactory(DjangoModelFactory):
    """A published 知识库 entry; pass ``unit``."""

    class Meta:
        model = "knowledge.Entry"

    question = factory.Sequence(lambda n: f"常见问题{n}")
    answer = "带身份证到县政务服务中心办理，当场办好。"
    review_by = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=90))
    published = True
