"""回应关切: a response page linked from every public request of the topic, and the deadline rule in 监管."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from townsquare.hotspots.models import HotTopic
from townsquare.hotspots.topics import response_candidates
from townsquare.oversight import rules
from townsquare.publishing.models import InterpretationPage
from townsquare.resident_requests import handling

from ..factories import InterpretationPageFactory
from .factories import DUST, file_about


@pytest.fixture
def topic(town_a):
    now = timezone.now()
    requests = file_about(town_a.unit, DUST, now, n=3)
    for item in requests:
        handling.accept(item, town_a.editor)
    topic = HotTopic.objects.create(title=DUST[0], lead_unit=town_a.unit, request_count=3, heat=12)
    topic.requests.set(requests)
    return topic


def response_page(county, place):
    """A town's response, in the county's 政策解读 column (towns have none of their own)."""
    return InterpretationPageFactory(
        parent=county.county.section("interpretation"), unit=place.unit, form=InterpretationPage.Form.RESPONSE
    )


def late_findings(unit, now):
    return [f for f in rules.check(unit, now=now).findings if f.code == "hot_topic_response"]


def test_a_response_needs_no_policy(town_a):
    page = InterpretationPage(
        title="关于东街搅拌站的回应", form=InterpretationPage.Form.RESPONSE, summary="已责令停工。"
    )
    page.clean()
    assert page.policy_id is None


def test_an_ordinary_interpretation_still_needs_its_policy(db):
    page = InterpretationPage(title="一图读懂", form=InterpretationPage.Form.GRAPHIC, summary="图解。")
    with pytest.raises(ValidationError):
        page.clean()


def test_every_public_request_of_the_topic_links_the_response(client, county, topic, town_a):
    page = response_page(county, town_a)
    topic.attach_response(page)
    item = topic.requests.first()
    response = client.get(reverse("resident_requests:public_detail", args=[item.tracking_number]))
    assert page.url in response.content.decode()


def test_the_public_list_links_the_response_once_it_is_attached(client, county, topic, town_a):
    page = response_page(county, town_a)
    client.get(reverse("resident_requests:public_list"))  # the list's cards kept before the response exists
    topic.attach_response(page)
    html = client.get(reverse("resident_requests:public_list")).content.decode()
    assert html.count(f'<a href="{page.url}">已公开回应：{page.title}</a>') == 3


def test_no_response_no_link(client, topic):
    item = topic.requests.first()
    response = client.get(reverse("resident_requests:public_detail", args=[item.tracking_number]))
    assert "回应关切" not in response.content.decode()


def test_missing_response_past_the_deadline_is_a_finding(topic, settings, town_a):
    now = timezone.now()
    HotTopic.objects.filter(pk=topic.pk).update(crossed_at=now - timedelta(days=settings.HOTSPOT_RESPONSE_DAYS + 1))
    [finding] = late_findings(town_a.unit, now)
    assert "还没有公开回应" in finding.detail


def test_missing_response_within_the_deadline_is_no_finding(topic, settings, town_a):
    now = timezone.now()
    HotTopic.objects.filter(pk=topic.pk).update(crossed_at=now - timedelta(days=settings.HOTSPOT_RESPONSE_DAYS - 1))
    assert late_findings(town_a.unit, now) == []


def test_a_response_in_time_is_no_finding(county, topic, settings, town_a):
    now = timezone.now()
    HotTopic.objects.filter(pk=topic.pk).update(crossed_at=now - timedelta(days=settings.HOTSPOT_RESPONSE_DAYS + 3))
    topic.refresh_from_db()
    topic.attach_response(response_page(county, town_a))
    HotTopic.objects.filter(pk=topic.pk).update(responded_at=topic.crossed_at + timedelta(days=1))
    assert late_findings(town_a.unit, now) == []


def test_the_days_to_respond_are_counted(topic, town_a):
    crossed = timezone.now() - timedelta(days=5)
    HotTopic.objects.filter(pk=topic.pk).update(crossed_at=crossed, responded_at=crossed + timedelta(days=2))
    topic.refresh_from_db()
    assert topic.response_days() == 2


def test_the_lead_unit_may_link_its_response_published_in_the_county_column(county, topic, town_a):
    page = response_page(county, town_a)
    assert list(response_candidates(topic)) == [page]
