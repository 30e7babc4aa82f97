"""A list's filters, cards and pager are kept as a fragment: a change, an expiry or a start shows at once."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from . import factories as f

pytestmark = pytest.mark.django_db
BUILT = {"HTTP_COOKIE": "somebody=1"}  # passes by the page cache: the page is built from its fragments


def soon():
    """Within the time a fragment is kept at most: only its own end says when it stops being right."""
    return timezone.now() + datetime.timedelta(seconds=20)


def page(client, kind):
    return client.get(reverse(f"listings:{kind}_list"), **BUILT).content.decode()


def test_a_listing_added_after_a_visit_shows_at_once(client, county):
    f.job(title="超市收银员")
    page(client, "jobs")
    f.job(title="仓库搬运工")
    assert "仓库搬运工" in page(client, "jobs")


def test_a_listing_leaves_the_list_when_it_expires(client, county):
    f.job(title="超市收银员")
    job = f.job(title="马上截止的岗位", expires_at=soon())
    page(client, "jobs")
    with time_machine.travel(job.expires_at + datetime.timedelta(seconds=1)):
        assert "马上截止的岗位" not in page(client, "jobs")


def test_a_traffic_notice_says_it_is_in_effect_once_it_starts(client, county):
    notice = f.traffic(title="人民路封闭施工", starts_at=soon(), ends_at=f.at(48))
    page(client, "traffic")
    with time_machine.travel(notice.starts_at + datetime.timedelta(seconds=1)):
        assert 'badge-open">正在执行' in page(client, "traffic")
