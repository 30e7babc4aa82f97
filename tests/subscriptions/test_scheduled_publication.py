import datetime

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from townsquare.publishing.models import NewsPage

from .factories import SubscriptionFactory

pytestmark = pytest.mark.django_db


def test_a_scheduled_go_live_notifies(town_a, smtp_server):
    SubscriptionFactory(unit=town_a.unit)
    go_live = timezone.now() + datetime.timedelta(hours=2)
    page = NewsPage(title="青禾镇冬季征兵体检安排", slug="zhengbing-tijian", live=False, go_live_at=go_live)
    town_a.section("news").add_child(instance=page)
    page.save_revision().publish()  # with go_live_at in the future: scheduled, not live
    with time_machine.travel(go_live + datetime.timedelta(minutes=1), tick=False):
        call_command("publish_scheduled", verbosity=0)
    assert [m["Subject"].strip() for m in smtp_server.wait_for(1)] == ["青禾镇冬季征兵体检安排"]


def test_nothing_is_sent_before_the_go_live(town_a, smtp_server):
    SubscriptionFactory(unit=town_a.unit)
    go_live = timezone.now() + datetime.timedelta(hours=2)
    page = NewsPage(title="青禾镇冬季征兵体检安排", slug="zhengbing-tijian", live=False, go_live_at=go_live)
    town_a.section("news").add_child(instance=page)
    page.save_revision().publish()
    assert smtp_server.wait_for(1, timeout=0.5) == []
