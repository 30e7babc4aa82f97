"""The completeness rules of a 办事指南: each element, the SQL twin, publish refusal, stale."""

import datetime

import pytest
from django.db.models import Q
from django.utils import timezone

from tests.helpers import approve_all, fresh, review, submit_for_review
from townsquare.services import completeness
from townsquare.services.models import GuideMaterial, IncompleteGuideError, ServiceGuidePage

from .factories import ServiceGuideFactory, index_of

pytestmark = pytest.mark.django_db

# (element name, how to break it) — one case per element of the national guide template.
BREAKERS = [
    ("实施主体", {"unit": None}),
    ("服务对象", {"applicants": "  "}),
    ("服务对象", {"for_person": False, "for_organisation": False}),
    ("办理条件", {"conditions": ""}),
    ("申请材料", lambda g: g.materials.all().delete()),
    ("申请材料的份数", lambda g: g.materials.update(originals=0, copies=0)),
    ("申请材料的获取途径", lambda g: g.materials.update(source="")),
    ("办理流程", lambda g: g.steps.all().delete()),
    ("法定时限", {"legal_days": None}),
    ("承诺时限", {"promised_days": None}),
    ("收费标准", {"fee": ""}),
    ("收费标准", {"fee": "charged", "fee_standard": ""}),
    ("办理地点", {"place": ""}),
    ("办理窗口", {"window": ""}),
    ("办公时间", {"office_hours": ""}),
    ("交通指引", {"transport": ""}),
    ("咨询电话", {"consult_phone": ""}),
    ("监督投诉电话", {"complaint_phone": ""}),
    ("跑动次数", {"visits": None}),
    ("在线办理链接（零跑动事项必填）", {"visits": 0, "online_url": ""}),
    ("常见问题", lambda g: g.faqs.all().delete()),
    ("法律依据", lambda g: g.legal_basis.all().delete()),
]


@pytest.fixture
def guide(town_a):
    return ServiceGuideFactory(parent=index_of(town_a.home))


def test_complete_guide_misses_nothing(guide):
    assert guide.missing_elements() == []
    assert ServiceGuidePage.objects.filter(pk=guide.pk).incomplete().count() == 0
    assert ServiceGuidePage.objects.filter(pk=guide.pk).complete().count() == 1


@pytest.mark.parametrize(("element", "breaker"), BREAKERS, ids=[f"{n}-{i}" for i, (n, _) in enumerate(BREAKERS)])
def test_each_missing_element_is_named_in_python_and_sql(guide, element, breaker):
    if isinstance(breaker, dict):
        ServiceGuidePage.objects.filter(pk=guide.pk).update(**breaker)
    else:
        breaker(guide)
    guide = ServiceGuidePage.objects.get(pk=guide.pk)
    assert guide.missing_elements() == [element]
    assert list(ServiceGuidePage.objects.incomplete().values_list("pk", flat=True)) == [guide.pk]


def test_charged_with_standard_and_online_zero_visit_are_complete(guide):
    guide.fee, guide.fee_standard = "charged", "每人每年400元"
    guide.visits, guide.online_url = 0, "https://example.gov.cn/ban"
    guide.save()
    assert fresh(guide).missing_elements() == []


def test_in_memory_rows_are_checked_without_saving(guide):
    children = completeness.children_of(guide)
    children["materials"] = [GuideMaterial(name="户口簿", originals=1, copies=0, source="")]
    assert guide.missing_elements(children) == ["申请材料的获取途径"]


def test_with_elements_lists_incomplete_guides_in_fixed_queries(town_a, django_assert_max_num_queries):
    index = index_of(town_a.home)
    for n in range(6):
        ServiceGuideFactory(parent=index, publish=n % 3 != 0, complete=n % 3 != 0)
    with django_assert_max_num_queries(6):
        rows = [(g.pk, g.missing_elements()) for g in ServiceGuidePage.objects.with_elements()]
    assert len(rows) == 6
    sql = set(ServiceGuidePage.objects.incomplete().values_list("pk", flat=True))
    assert sql == {pk for pk, missing in rows if missing}


def test_publishing_an_incomplete_guide_is_refused_with_the_missing_names(town_a):
    guide = ServiceGuideFactory(parent=index_of(town_a.home), publish=False, legal_days=None)
    guide.faqs.all().delete()
    with pytest.raises(IncompleteGuideError) as refused:
        fresh(guide).save_revision().publish()
    assert "法定时限" in str(refused.value) and "常见问题" in str(refused.value) and "缺项说明" in str(refused.value)
    assert not fresh(guide).live


def test_a_reason_lets_an_incomplete_guide_go_live(town_a):
    guide = ServiceGuideFactory(parent=index_of(town_a.home), publish=False, legal_days=None)
    guide.incomplete_reason = "本事项无法定时限。"
    guide.save_revision().publish()
    assert fresh(guide).live
    assert fresh(guide).missing_elements() == ["法定时限"]


def test_final_review_step_refuses_an_incomplete_guide(county, town_a):
    # Submitted without the editor's form (which refuses it), e.g. by a script.
    guide = ServiceGuideFactory(parent=index_of(town_a.home), publish=False, window="")
    submit_for_review(guide, town_a.editor)
    guide = review(guide, town_a.reviewer)
    guide = review(guide, town_a.head)
    with pytest.raises(IncompleteGuideError, match="办理窗口"):
        review(guide, county.media.reviewer)
    guide = fresh(guide)
    assert not guide.live
    assert guide.current_workflow_task.name.startswith("终审")  # the approval was rolled back


def test_full_workflow_publishes_a_complete_guide(county, town_a):
    guide = ServiceGuideFactory(parent=index_of(town_a.home), publish=False)
    submit_for_review(guide, town_a.editor)
    guide = approve_all(guide, county, town_a)
    assert guide.live


def test_stale_after_the_setting_unless_republished(guide, settings):
    settings.SERVICE_GUIDE_STALE_DAYS = 30
    today = timezone.localdate()
    old = today - datetime.timedelta(days=31)
    ServiceGuidePage.objects.filter(pk=guide.pk).update(
        reviewed_on=old, last_published_at=timezone.now() - datetime.timedelta(days=31)
    )
    guide = fresh(guide)
    assert guide.is_stale()
    assert list(ServiceGuidePage.objects.stale()) == [guide]
    ServiceGuidePage.objects.filter(pk=guide.pk).update(reviewed_on=today - datetime.timedelta(days=29))
    assert not fresh(guide).is_stale()
    assert not ServiceGuidePage.objects.stale().exists()
    settings.SERVICE_GUIDE_STALE_DAYS = 10
    assert fresh(guide).is_stale()


def test_stale_default_is_a_year(guide, settings):
    assert settings.SERVICE_GUIDE_STALE_DAYS == 365
    ServiceGuidePage.objects.filter(pk=guide.pk).update(
        reviewed_on=timezone.localdate() - datetime.timedelta(days=364),
        last_published_at=timezone.now() - datetime.timedelta(days=400),
    )
    assert not fresh(guide).is_stale()


def test_promise_longer_than_law_is_a_field_error(guide):
    from django.core.exceptions import ValidationError

    guide.legal_days, guide.promised_days = 5, 10
    with pytest.raises(ValidationError) as error:
        guide.full_clean()
    assert "承诺时限不能长于法定时限" in str(error.value.message_dict["promised_days"])


def test_element_names_follow_one_list():
    assert completeness.ELEMENT_NAMES[0] == "事项名称"
    assert len(set(completeness.ELEMENT_NAMES)) == len(completeness.ELEMENT_NAMES)
    assert isinstance(completeness.incomplete_q(), Q)
