"""The demo shows the many behind the one: 我也遇到了 counts, 并案 suggestions and the map."""

import pytest
from django.urls import reverse

from townsquare.demo.nearby import CLUSTERS
from townsquare.resident_requests import similar
from townsquare.resident_requests.models import MeToo, ResidentRequest

pytestmark = pytest.mark.usefixtures("demo", "db")


def main_case(number=1):
    return ResidentRequest.objects.get(submission_key=f"demo-nearby-{number}a")


def test_residents_said_me_too_on_a_request_being_worked_on():
    assert main_case().me_too_count == len(CLUSTERS[0]["me_too"]) == MeToo.objects.filter(request=main_case()).count()


def test_the_newer_request_sent_anyway_has_a_merge_suggestion():
    newer = ResidentRequest.objects.get(submission_key="demo-nearby-1b")
    assert main_case() in [match.request for match in similar.duplicates_of(newer)]


def test_the_second_cluster_is_found_by_its_words_alone():
    newer = ResidentRequest.objects.get(submission_key="demo-nearby-2b")
    assert main_case(2) in [match.request for match in similar.duplicates_of(newer)]


def test_the_form_shows_the_cluster_while_a_resident_types(client):
    main = main_case()
    response = client.post(
        reverse("resident_requests:similar"),
        {"category": main.category_id, "title": "禾丰路路灯坏了", "details": "禾丰路中段晚上路灯不亮"},
    )
    assert main.tracking_number in response.content.decode()


def test_many_demo_requests_are_on_the_map(client, settings):
    settings.REQUEST_MAP_TILE_URL = "https://tiles.example.cn/{z}/{x}/{y}.png"
    assert client.get(reverse("resident_requests:map")).content.decode().count("/liuyan/public/") > 20
