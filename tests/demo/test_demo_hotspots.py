"""The demo county's 热点问题: three topics, one answered in public, one overdue (a finding in 监管), one rising."""

import pytest
from django.urls import reverse
from django.utils import timezone

from townsquare.demo.content.hotspots import RESPONSE
from townsquare.hotspots.models import HotTopic
from townsquare.oversight import rules

pytestmark = pytest.mark.usefixtures("demo", "db")


def demo_topic(key):
    return HotTopic.objects.current().filter(requests__submission_key__startswith=f"hotdemo-{key}-").distinct().get()


def test_the_answered_topic_links_its_response():
    assert demo_topic("dongjie-jiaobanzhan").response.slug == RESPONSE["slug"]


def test_a_request_of_the_answered_topic_shows_the_response(client):
    item = demo_topic("dongjie-jiaobanzhan").requests.first()
    body = client.get(reverse("resident_requests:public_detail", args=[item.tracking_number])).content.decode()
    assert RESPONSE["title"] in body


def test_the_overdue_topic_is_a_finding_in_oversight():
    topic = demo_topic("shiqiao-gongjiao")
    findings = rules.check(topic.lead_unit, now=timezone.now()).findings
    assert any(f.code == "hot_topic_response" and topic.title in f.detail for f in findings)


def test_the_rising_topic_has_not_crossed_the_threshold():
    assert demo_topic("jiefanglu-jishui").crossed_at is None
