"""监管 shows supervisors whether the site opens: an open outage on top, the week's checks per day, past weeks."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from townsquare.oversight.checks import run_health_check
from townsquare.oversight.models import AvailabilityCheck
from townsquare.oversight.probe import PageResult, track_outage

from ..helpers import login

DASHBOARD = reverse("oversight_dashboard")


def hourly_checks(days, failed_hours=(), now=None):
    """One check an hour for ``days`` days up to ``now``; the checks ``failed_hours`` hours ago failed."""
    now = now or timezone.now()
    AvailabilityCheck.objects.bulk_create(
        AvailabilityCheck(
            checked_at=now - timedelta(hours=hours),
            url="http://zw.example.gov.cn/",
            ok=hours not in failed_hours,
            error="网站出错（状态码 502）" if hours in failed_hours else "",
        )
        for hours in range(1, days * 24)
    )


@pytest.fixture
def supervisor(client, county):
    login(client, county.county.head)
    return client


def page(client):
    return client.get(DASHBOARD).content.decode()


def test_supervisors_see_the_weeks_checks_and_failures(supervisor):
    hourly_checks(7, failed_hours=(30, 31))
    content = page(supervisor)
    section = content[content.index('id="availability"') :]
    assert "打不开 2 次" in section and "正常" in section


def test_a_share_at_the_threshold_reads_as_a_veto(supervisor):
    hourly_checks(7, failed_hours=range(2, 12))
    section = page(supervisor).split('id="availability"')[1]
    assert "单项否决" in section.split("</p>")[1]


def test_a_day_with_too_few_checks_is_shown(supervisor):
    hourly_checks(7)
    AvailabilityCheck.objects.filter(checked_at__date=timezone.localdate() - timedelta(days=2)).delete()
    assert "监测次数不足" in page(supervisor)


def test_an_open_outage_is_shown_at_the_top(supervisor):
    track_outage(timezone.now(), [PageResult("http://zw.example.gov.cn/", False, None, 15.0, "超过15秒没有打开")])
    content = page(supervisor)
    assert content.index("网站现在打不开") < content.index("立即检查")


def test_no_outage_banner_once_the_site_opens_again(supervisor):
    track_outage(timezone.now(), [PageResult("http://zw.example.gov.cn/", False, None, 15.0, "超过15秒没有打开")])
    track_outage(timezone.now(), [PageResult("http://zw.example.gov.cn/", True, 200, 0.1)])
    assert "网站现在打不开" not in page(supervisor)


def test_unit_staff_do_not_see_the_sites_availability(client, county):
    hourly_checks(2)
    login(client, county.town_a.head)
    assert 'id="availability"' not in page(client)


def test_the_veto_is_listed_with_the_countys_vetoes(supervisor):
    hourly_checks(7, failed_hours=range(2, 12))
    run_health_check()
    content = page(supervisor)
    assert "站点无法访问" in content[content.index("county-heading") : content.index("units-heading")]


def _count(client):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(DASHBOARD).status_code == 200
    return len(queries)


def test_queries_do_not_grow_with_the_checks(supervisor):
    hourly_checks(1)
    few = _count(supervisor)
    hourly_checks(56, failed_hours=(5, 50, 500), now=timezone.now() - timedelta(minutes=30))
    assert _count(supervisor) == few
