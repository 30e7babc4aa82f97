"""监管 in the admin: supervisors see the county and every unit, unit staff only their own; fix links; 立即检查."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from townsquare.oversight import views
from townsquare.oversight.checks import run_health_check
from townsquare.oversight.models import HealthRun

from ..channels.factories import ChannelFactory
from ..factories import UnitFactory, UserFactory
from ..helpers import login
from .factories import ago, item_in

DASHBOARD = reverse("oversight_dashboard")


@pytest.fixture
def run(county):
    ChannelFactory(unit=county.town_b.unit, name="石桥印象", last_update_on=timezone.localdate() - timedelta(days=20))
    return run_health_check()


def unit_url(place):
    return reverse("oversight_unit", args=[place.unit.pk])


@pytest.mark.parametrize("who", ["county_head", "county_reviewer", "media_reviewer", "media_head", "superuser"])
def test_supervisors_see_the_county_and_every_unit(client, county, run, who):
    if who == "superuser":
        user = UserFactory(username="root", is_superuser=True)
    else:
        place, role = who.split("_")
        user = getattr(getattr(county, place), role)
    assert views.is_supervisor(user)
    login(client, user)
    content = client.get(DASHBOARD).content.decode()
    assert "全县" in content and "各单位得分" in content
    for place in (county.county, county.town_a, county.town_b):
        assert unit_url(place) in content
    assert client.get(unit_url(county.town_b)).status_code == 200


def test_unit_staff_see_only_their_own_unit(client, county, run):
    login(client, county.town_a.editor)
    content = client.get(DASHBOARD).content.decode()
    assert "本单位得分" in content and unit_url(county.town_a) in content
    assert unit_url(county.town_b) not in content and "各单位得分" not in content
    assert client.get(unit_url(county.town_a)).status_code == 200
    refused = client.get(unit_url(county.town_b))
    assert refused.status_code == 302 and refused.url != unit_url(county.town_b)


def test_county_editor_is_not_a_supervisor(client, county, run):
    assert not views.is_supervisor(county.county.editor)
    login(client, county.county.editor)
    content = client.get(DASHBOARD).content.decode()
    assert unit_url(county.county) in content and unit_url(county.town_a) not in content


def test_staff_of_no_unit_cannot_open_it(client, county, run):
    user = UserFactory(username="visitor", is_staff=True)
    from django.contrib.auth.models import Permission

    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    login(client, user)
    assert client.get(DASHBOARD).status_code == 302
    assert not views.can_see_dashboard(user)


def test_veto_items_come_first_with_the_way_to_fix_them(client, county):
    item_in(county.town_a.section("news"), ago(timezone.now(), 20))
    item_in(county.town_a.section("notice"), ago(timezone.now(), 190))
    run_health_check()
    login(client, county.town_a.head)
    content = client.get(unit_url(county.town_a)).content.decode()
    veto = content.index("动态类栏目不更新")
    deduction = content.index("栏目更新不及时")
    assert veto < deduction
    assert reverse("wagtailadmin_pages:add_subpage", args=[county.town_a.section("news").pk]) in content


def test_zombie_accounts_are_listed_with_the_channel_admin(client, county, run):
    login(client, county.county.head)
    content = client.get(DASHBOARD).content.decode()
    section = content[content.index("僵尸账号（") :]
    assert "石桥印象" in section and "报送更新" in section


def test_run_now_scores_again(client, county, run):
    login(client, county.town_a.editor)
    response = client.post(reverse("oversight_run_now"), {"unit": county.town_a.unit.pk})
    assert response.status_code == 302 and response.url == unit_url(county.town_a)
    assert HealthRun.objects.count() == 2
    assert HealthRun.objects.first().trigger == "manual"


def test_without_any_run_the_dashboard_offers_to_check(client, county):
    login(client, county.county.head)
    content = client.get(DASHBOARD).content.decode()
    assert "还没有检查结果" in content and "立即检查" in content


def test_trend_chart_once_there_are_two_days(client, county):
    run_health_check(now=timezone.now() - timedelta(days=7))
    run_health_check()
    login(client, county.county.head)
    content = client.get(DASHBOARD).content.decode()
    assert 'id="oversight-trend-data"' in content and "uPlot.iife.min.js" in content
    assert "以表格查看得分变化" in content


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_dashboard_queries_do_not_grow_with_units_or_runs(client, county, run):
    login(client, county.county.head)
    client.get(DASHBOARD)
    few = _count(client, DASHBOARD), _count(client, unit_url(county.town_a))
    for n in range(3):
        UnitFactory(name=f"新单位{n}", kind="department")
    for days in (21, 14, 7, 1):
        run_health_check(now=timezone.now() - timedelta(days=days))
    many = _count(client, DASHBOARD), _count(client, unit_url(county.town_a))
    assert many == few


def test_supervisors_see_the_hot_topics_with_their_response_state(client, county, run):
    from townsquare.hotspots.topics import refresh

    from ..hotspots.factories import DUST, file_about

    file_about(county.town_a.unit, DUST, timezone.now(), n=3)
    topic = refresh(timezone.now())[0]
    login(client, county.county.head)
    content = client.get(DASHBOARD).content.decode()
    assert reverse("hotspots_detail", args=[topic.pk]) in content
