"""热点问题 in the admin: staff see their units' topics; only county staff re-run the analysis."""

import pytest
from django.urls import reverse
from django.utils import timezone

from townsquare.hotspots.models import HotTopic

INDEX = reverse("hotspots_index")


@pytest.fixture
def topics(town_a, town_b):
    return {
        "a": HotTopic.objects.create(title="东街搅拌站扰民", lead_unit=town_a.unit, request_count=5, heat=9),
        "b": HotTopic.objects.create(title="石桥村公交太少", lead_unit=town_b.unit, request_count=3, heat=4),
    }


def test_county_staff_see_every_topic(client, county, topics):
    client.force_login(county.county.editor)
    body = client.get(INDEX).content.decode()
    assert "东街搅拌站扰民" in body and "石桥村公交太少" in body


def test_town_staff_see_their_own_units_topics_only(client, town_a, topics):
    client.force_login(town_a.editor)
    body = client.get(INDEX).content.decode()
    assert "东街搅拌站扰民" in body and "石桥村公交太少" not in body


def test_town_staff_may_not_open_another_units_topic(client, town_a, topics):
    client.force_login(town_a.editor)
    assert client.get(reverse("hotspots_detail", args=[topics["b"].pk])).status_code == 404


def test_town_staff_may_not_rerun_the_analysis(client, town_a, topics):
    client.force_login(town_a.editor)
    client.post(INDEX)
    assert HotTopic.objects.current().filter(pk=topics["a"].pk).exists()


def test_county_staff_rerun_the_analysis_on_demand(client, county, topics):
    client.force_login(county.county.editor)
    client.post(INDEX)
    assert not HotTopic.objects.current().filter(pk=topics["a"].pk).exists()


def test_a_topic_page_lists_its_requests(client, county, town_a):
    from .factories import DUST, file_about

    requests = file_about(town_a.unit, DUST, timezone.now(), n=2)
    topic = HotTopic.objects.create(title="东街搅拌站扰民", lead_unit=town_a.unit, request_count=2, heat=2)
    topic.requests.set(requests)
    client.force_login(county.county.editor)
    body = client.get(reverse("hotspots_detail", args=[topic.pk])).content.decode()
    assert requests[0].tracking_number in body
