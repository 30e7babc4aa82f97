"""The demo's channels: platform sections, fresh accounts, a zombie, and the closed “青禾镇发布”; twice is once."""

import pytest
from django.utils import timezone

from townsquare.channels.models import Channel
from townsquare.demo.channels import QINGHE_WECHAT_ID, ensure_channels
from townsquare.demo.loader import Tally
from townsquare.units.models import Unit

pytestmark = pytest.mark.django_db


def load(county, now):
    units = {unit.slug: unit for unit in Unit.objects.all()}
    units["shifan"] = county.county.unit  # the test county's slug differs from the demo's
    tally = Tally()
    ensure_channels(units, now, tally)
    return tally


def test_demo_channels_and_idempotence(county, town_a):
    now = timezone.now()
    first = load(county, now)
    assert first.total_created > 0
    qinghe = Channel.objects.get(kind="wechat", account_id=QINGHE_WECHAT_ID)
    assert qinghe.name == "青禾镇发布" and qinghe.unit == town_a.unit
    assert qinghe.status == Channel.Status.CLOSED and qinghe.closed_on
    assert qinghe.suspension_notice.live and qinghe.continues_page_id == town_a.home.pk
    assert [e.action for e in qinghe.events.order_by("at")] == ["register", "report_update", "suspend", "close"]
    assert qinghe.events.get(action="suspend").by.username == "qinghe_head"
    zombies = Channel.objects.zombies(timezone.localdate(now))
    assert list(zombies.values_list("name", flat=True)) == ["石桥印象"]
    assert Channel.objects.filter(name="示范县发布", status="active").count() == 2
    assert Channel.objects.platform().count() == 3
    events = sum(channel.events.count() for channel in Channel.objects.all())
    again = load(county, now)
    assert again.total_created == 0
    assert sum(channel.events.count() for channel in Channel.objects.all()) == events
