"""Entries written from what was already answered: a public request (加入知识库 in the admin), the guides'
常见问题 and the interpretations (manage.py build_knowledge)."""

import pytest
from django.core.management import call_command

from tests.factories import InterpretationPageFactory, PolicyPageFactory
from townsquare.knowledge.models import Entry
from townsquare.resident_requests import handling
from townsquare.resident_requests.models import Category, RequestType

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered(county):
    roads = Category.objects.create(code="roads", name="道路照明", unit=county.town_a.unit, routing_label="城乡建设")
    request, _ = handling.submit(
        {
            "request_type": RequestType.CONSULT,
            "category": roads,
            "title": "路灯坏了找谁修？",
            "details": "我是王小明，电话13900001111，东街路灯坏了找谁修？",
            "contact_name": "王小明",
            "contact_phone": "13900001111",
        }
    )
    handling.accept(request, county.town_a.editor)
    handling.answer(
        request, "王小明您好，路灯归镇城建办管，打镇便民服务中心电话报修，三天内修好。", county.town_a.editor
    )
    request.refresh_from_db()
    return request


def test_adding_a_request_makes_an_unpublished_entry_of_its_unit(client, county, answered):
    client.force_login(county.town_a.editor)
    client.post(f"/admin/zhishi/from-request/{answered.pk}/")
    entry = Entry.objects.get(resident_request=answered)
    assert (entry.unit_id, entry.published, entry.source) == (county.town_a.unit.pk, False, "request")


def test_the_entry_masks_the_residents_name_as_the_public_page_does(client, county, answered):
    client.force_login(county.town_a.editor)
    client.post(f"/admin/zhishi/from-request/{answered.pk}/")
    assert "王小明" not in Entry.objects.get(resident_request=answered).answer


def test_staff_of_another_unit_may_not_add_it(client, county, answered):
    client.force_login(county.town_b.editor)
    client.post(f"/admin/zhishi/from-request/{answered.pk}/")
    assert not Entry.objects.exists()


def test_the_request_page_offers_to_add_it(client, county, answered):
    client.force_login(county.town_a.editor)
    html = client.get(f"/admin/liuyan/{answered.pk}/").content.decode()
    assert "加入知识库" in html


def test_interpretations_with_a_summary_become_entries_once(county):
    section = county.county.section("interpretation")
    policy = PolicyPageFactory(parent=county.county.section("policy"), title="示范县老年人乘车优待办法")
    InterpretationPageFactory(parent=section, policy=policy, title="60岁以上坐公交免费", summary="带身份证就能上车。")
    call_command("build_knowledge", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("build_knowledge", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert list(Entry.objects.values_list("question", "source")) == [("60岁以上坐公交免费", "interpretation")]
