"""Similar open public requests while a resident writes: same category, similar words or within 50 m."""

from decimal import Decimal

import pytest

from townsquare.resident_requests import handling, similar
from townsquare.resident_requests.models import ResidentRequest

pytestmark = pytest.mark.django_db
URL = "/liuyan/similar/"
POINT = {"lat": Decimal("27.850000"), "long": Decimal("114.930000")}
LAMP = "东街口路灯坏了一个星期，晚上很黑，老人走路摔了跤，请尽快修。"


def accepted(desk, **fields):
    request, _ = desk.file(**fields)
    handling.accept(request, desk.county.town_a.editor)
    return request


def ask(client, category, title="", details="", **extra):
    return client.post(URL, {"category": category.pk, "title": title, "details": details, **extra})


def test_same_words_are_similar():
    a = similar.pairs("东街口路灯坏了，晚上很黑")
    assert similar.text_score(a, similar.pairs("东街口的路灯坏了好几天，晚上很黑")) > 0.5


def test_unrelated_words_are_not_similar():
    a = similar.pairs("东街口路灯坏了，晚上很黑")
    assert similar.text_score(a, similar.pairs("孩子入学报名要带哪些材料")) == 0


def test_filler_words_do_not_make_requests_similar():
    a = similar.pairs("您好，希望相关部门尽快解决问题，谢谢")
    assert similar.text_score(a, similar.pairs("您好，希望相关部门尽快解决，谢谢领导")) == 0


def test_distance_of_points_about_40_meters_apart():
    meters = similar.distance_meters(Decimal("27.850000"), Decimal("114.930000"), Decimal("27.850360"), 114.93)
    assert 39 < meters < 41


def test_form_is_shown_an_open_public_request_with_similar_words(client, desk):
    other = accepted(desk, title="东街口路灯不亮", details=LAMP)
    response = ask(client, desk.roads, "东街口路灯坏了", "东街口路灯坏了好几天，晚上很黑")
    assert other.tracking_number in response.content.decode()


def test_the_count_of_people_includes_those_who_said_me_too(client, desk):
    other = accepted(desk, title="东街口路灯不亮", details=LAMP)
    ResidentRequest.objects.filter(pk=other.pk).update(me_too_count=11)
    response = ask(client, desk.roads, "东街口路灯坏了", "东街口路灯坏了好几天，晚上很黑")
    assert '已有 <span class="num">12</span> 人反映过类似问题' in response.content.decode()


def test_a_request_within_50_meters_is_shown_whatever_its_words(client, desk):
    other = accepted(desk, title="井盖松动", details="人民路口井盖踩上去晃。", **POINT)
    response = ask(client, desk.roads, "积水", "下雨就积水。", lat="27.850300", long="114.930000")
    assert other.tracking_number in response.content.decode()


def test_a_request_100_meters_away_with_other_words_is_not_shown(client, desk):
    other = accepted(desk, title="井盖松动", details="人民路口井盖踩上去晃。", **POINT)
    response = ask(client, desk.roads, "积水", "下雨就积水。", lat="27.850900", long="114.930000")
    assert other.tracking_number not in response.content.decode()


def test_another_category_is_not_shown(client, desk):
    other = accepted(desk, title="东街口路灯不亮", details=LAMP)
    response = ask(client, desk.schools, "东街口路灯坏了", "东街口路灯坏了好几天，晚上很黑")
    assert other.tracking_number not in response.content.decode()


def test_a_request_not_yet_accepted_is_not_shown(client, desk):
    fresh, _ = desk.file(title="东街口路灯不亮", details=LAMP)
    response = ask(client, desk.roads, "东街口路灯坏了", "东街口路灯坏了好几天，晚上很黑")
    assert fresh.tracking_number not in response.content.decode()


def test_a_private_request_is_not_shown(client, desk):
    private = accepted(desk, title="东街口路灯不亮", details=LAMP, is_public=False)
    response = ask(client, desk.roads, "东街口路灯坏了", "东街口路灯坏了好几天，晚上很黑")
    assert private.tracking_number not in response.content.decode()


def test_an_answered_request_is_not_shown(client, desk):
    done = accepted(desk, title="东街口路灯不亮", details=LAMP)
    handling.answer(done, "已修好。", desk.county.town_a.editor)
    response = ask(client, desk.roads, "东街口路灯坏了", "东街口路灯坏了好几天，晚上很黑")
    assert done.tracking_number not in response.content.decode()


def test_shown_text_is_masked(client, desk):
    accepted(desk, title="东街口路灯不亮，电话13912345678", details=LAMP)
    response = ask(client, desk.roads, "东街口路灯坏了", "东街口路灯坏了好几天，晚上很黑")
    assert "13912345678" not in response.content.decode()


def test_nothing_to_compare_gives_an_empty_answer(client, desk):
    accepted(desk, title="东街口路灯不亮", details=LAMP)
    assert ask(client, desk.roads, "灯", "").content.strip() == b""


def test_lookups_are_limited_per_address(client, desk, settings):
    settings.REQUEST_SIMILAR_LOOKUPS_PER_IP_HOUR = 2
    for _ in range(2):
        ask(client, desk.roads, "东街口路灯坏了")
    assert ask(client, desk.roads, "东街口路灯坏了").status_code == 429


def test_lookups_are_not_read_with_get(client, desk):
    assert client.get(URL, {"category": desk.roads.pk, "title": "东街口路灯坏了"}).status_code == 405


def test_lookup_costs_the_same_queries_however_many_candidates(client, desk, django_assert_max_num_queries):
    for index in range(8):
        accepted(desk, title=f"东街口路灯不亮{index}", details=LAMP)
    with django_assert_max_num_queries(4):
        ask(client, desk.roads, "东街口路灯坏了", "东街口路灯坏了好几天，晚上很黑")


def test_the_form_has_the_place_the_script_fills(client, desk):
    assert 'id="similar-requests"' in client.get("/liuyan/").content.decode()


def test_a_nearby_request_is_shown_without_its_distance(client, desk):
    accepted(desk, title="井盖松动", details="人民路口井盖踩上去晃。", **POINT)
    response = ask(client, desk.roads, "积水", "下雨就积水。", lat="27.850300", long="114.930000")
    assert "米" not in response.content.decode()
