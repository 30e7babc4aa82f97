"""Factories for 办事指南: life events and complete guides (with every element filled in).

``ServiceGuideFactory(parent=index)`` adds a guide under a unit's 办事指南 column and
publishes it; ``complete=False`` leaves the optional rows out, ``publish=False`` keeps a draft.
"""

import factory
from factory.django import DjangoModelFactory

from townsquare.services.models import (
    GuideLegalBasis,
    GuideMaterial,
    GuideQuestion,
    GuideStep,
    LifeEvent,
    ServiceGuidePage,
    ServiceIndexPage,
)


class LifeEventFactory(DjangoModelFactory):
    class Meta:
        model = LifeEvent
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"事件{n}")
    slug = factory.Sequence(lambda n: f"event-{n}")
    icon = "baby"
    sort_order = factory.Sequence(int)


def index_of(home):
    """The 办事指南 column under a unit's home page (provisioning creates it)."""
    return ServiceIndexPage.objects.child_of(home).get()


COMPLETE_FIELDS = dict(
    summary="孩子出生后报户口。",
    keywords="报户口 落户",
    for_person=True,
    applicants="本镇户籍居民的新生儿。",
    conditions="孩子出生不满一年\n父母一方为本镇户籍",
    legal_days=5,
    promised_days=1,
    fee="free",
    place="便民服务中心一楼",
    window="3号窗口",
    office_hours="工作日 8:30—12:00，14:30—17:30",
    transport="乘2路公交到镇政府站",
    consult_phone="0000-1234567",
    complaint_phone="0000-7654321",
    visits=1,
)


def add_rows(guide, materials=1, steps=1, faqs=1, legal_basis=1):
    for n in range(materials):
        guide.materials.add(GuideMaterial(name=f"材料{n}", originals=1, copies=1, source="申请人自备"))
    for n in range(steps):
        guide.steps.add(GuideStep(title=f"第{n + 1}步", description="窗口受理"))
    for n in range(faqs):
        guide.faqs.add(GuideQuestion(question=f"问题{n}？", answer="回答。"))
    for n in range(legal_basis):
        guide.legal_basis.add(GuideLegalBasis(name="《中华人民共和国户口登记条例》", article=f"第{n + 7}条"))


class ServiceGuideFactory(factory.Factory):
    class Meta:
        model = ServiceGuidePage

    title = factory.Sequence(lambda n: f"新生儿落户{n}")
    slug = factory.Sequence(lambda n: f"guide-{n}")

    @classmethod
    def _create(cls, model_class, *args, parent, publish=True, complete=True, rows=None, events=(), **kwargs):
        fields = dict(COMPLETE_FIELDS) if complete else {}
        fields.update(kwargs)
        page = model_class(*args, **fields)
        if complete:
            add_rows(page, **(rows or {}))
        if events:
            page.life_events = list(events)
        if not publish:
            page.live = False
        parent.add_child(instance=page)
        revision = page.save_revision()
        if publish:
            revision.publish()
        return model_class.objects.get(pk=page.pk)
