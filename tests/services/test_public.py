"""Public pages: the finder (life event, audience, unit, words), a guide, its checklist and print version."""

import pytest
from django.urls import reverse
from wagtail import hooks

from townsquare.core.life import life_service
from townsquare.services.finder import normalise_query, search_guides
from townsquare.services.models import ServiceGuidePage

from .factories import LifeEventFactory, ServiceGuideFactory, index_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def guides(county, town_a, town_b):
    birth = LifeEventFactory(name="出生", slug="chusheng", icon="baby")
    old_age = LifeEventFactory(name="养老", slug="yanglao", icon="armchair")
    return {
        "birth": ServiceGuideFactory(
            parent=index_of(town_a.home), title="新生儿落户", keywords="报户口 上户口", events=[birth]
        ),
        "pension": ServiceGuideFactory(parent=index_of(town_b.home), title="高龄津贴申请", events=[old_age]),
        "company": ServiceGuideFactory(
            parent=index_of(county.home), title="公共场所卫生许可", for_person=False, for_organisation=True
        ),
        "draft": ServiceGuideFactory(parent=index_of(town_a.home), title="未发布的指南", publish=False),
    }


def titles(response):
    return {guide.title for guide in response.context["page_obj"]}


def test_life_tile_leads_to_the_finder():
    assert life_service("services").url == reverse("services:index")


def test_finder_lists_live_guides_only(client, guides):
    response = client.get(reverse("services:index"))
    assert response.status_code == 200
    assert titles(response) == {"新生儿落户", "高龄津贴申请", "公共场所卫生许可"}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"shijian": "chusheng"}, {"新生儿落户"}),
        ({"shijian": "yanglao"}, {"高龄津贴申请"}),
        ({"duixiang": "faren"}, {"公共场所卫生许可"}),
        ({"duixiang": "geren"}, {"新生儿落户", "高龄津贴申请"}),
        ({"danwei": "shiqiao"}, {"高龄津贴申请"}),
        ({"q": "上户口"}, {"新生儿落户"}),
        ({"q": "  卫生　许可 "}, {"公共场所卫生许可"}),
        ({"q": "新生儿", "shijian": "yanglao"}, set()),
    ],
)
def test_finder_filters(client, guides, params, expected):
    response = client.get(reverse("services:index"), params)
    assert response.status_code == 200
    assert titles(response) == expected


def test_unknown_filter_is_said_not_500(client, guides):
    response = client.get(reverse("services:index"), {"shijian": "nope", "danwei": "<script>", "page": "x"})
    assert response.status_code == 200
    assert "没有找到您选的人生事件、办理单位" in response.content.decode()


def test_unit_index_lists_its_own_guides(client, guides, town_a):
    response = client.get(index_of(town_a.home).url)
    assert response.status_code == 200
    assert titles(response) == {"新生儿落户"}


def test_event_tiles_count_live_guides(client, guides):
    finding = client.get(reverse("services:index")).context["finding"]
    counts = {event.key: event.count for event in finding.events}
    assert counts == {"chusheng": 1, "yanglao": 1}


def test_normalise_query():
    assert normalise_query("  ＳＯＳ，社保卡！ ") == "sos 社保卡"
    assert len(normalise_query("长" * 500)) == 40


def test_search_matches_every_word(guides):
    found = search_guides(ServiceGuidePage.objects.live(), "新生儿 户口")
    assert [g.title for g in found] == ["新生儿落户"]


def test_guide_page_for_residents(client, guides):
    guide = guides["birth"]
    body = client.get(guide.url).content.decode()
    assert "承诺1个工作日" in body
    assert "最多跑一次" in body
    assert 'href="tel:00001234567"' in body
    assert guide.url + "qingdan/" in body and guide.url + "dayin/" in body
    assert "原件1份、复印件1份" in body


def test_checklist_and_print_render(client, guides):
    guide = guides["birth"]
    checklist = client.get(guide.url + "qingdan/")
    assert checklist.status_code == 200
    assert 'type="checkbox"' in checklist.content.decode()
    assert f'data-checklist="guide-{guide.pk}"' in checklist.content.decode()
    printable = client.get(guide.url + "dayin/")
    assert printable.status_code == 200
    assert "services/services.css" in printable.content.decode()


def test_stale_guide_warns_residents(client, guides, settings):
    settings.SERVICE_GUIDE_STALE_DAYS = 0
    ServiceGuidePage.objects.filter(pk=guides["birth"].pk).update(
        reviewed_on="2020-01-01", last_published_at="2020-01-01T00:00:00Z"
    )
    assert "很久没有核对" in client.get(guides["birth"].url).content.decode()


def test_elder_mode_renders(client, guides):
    client.cookies["elder"] = "1"
    response = client.get(guides["birth"].url)
    assert response.status_code == 200
    assert 'class="elder' in response.content.decode()


def test_booking_hook_shows_a_button(client, guides):
    guide = guides["birth"]

    def lookup(found):
        return {g.pk: "/yuyue/test/" for g in found if g.pk == guide.pk}

    with hooks.register_temporarily("townsquare_guide_booking_urls", lookup):
        body = client.get(guide.url).content.decode()
        assert 'href="/yuyue/test/"' in body and "预约办理" in body
        assert "预约办理" not in client.get(guides["pension"].url).content.decode()


def test_query_counts_do_not_grow(client, guides, town_a, django_assert_max_num_queries):
    index = index_of(town_a.home)
    with django_assert_max_num_queries(14):
        client.get(reverse("services:index"))
    for _ in range(8):
        ServiceGuideFactory(parent=index, events=list(guides["birth"].life_events.all()), rows={"materials": 4})
    with django_assert_max_num_queries(14):
        assert client.get(reverse("services:index"), {"shijian": "chusheng"}).status_code == 200
    with django_assert_max_num_queries(22):
        assert client.get(index.url).status_code == 200
    for suffix in ("", "qingdan/", "dayin/"):
        with django_assert_max_num_queries(20):
            assert client.get(guides["birth"].url + suffix).status_code == 200
