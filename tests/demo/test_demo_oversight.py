"""The demo county shows a unit failing a veto item and a 僵尸账号 on the dashboard, each with its fix."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from townsquare.oversight import scoring
from townsquare.oversight.checks import findings_of
from townsquare.oversight.models import HealthRun

pytestmark = pytest.mark.usefixtures("demo", "db")


def latest_findings():
    run = HealthRun.objects.first()
    return [(score.unit, f) for score in run.unit_scores.select_related("unit") for f in findings_of(score)]


def test_a_unit_fails_a_veto_item_with_a_link_to_fix_it():
    vetoes = [(unit, f) for unit, f in latest_findings() if f.severity == scoring.VETO]
    assert any(unit.slug == "liutang" and f.code == "news_stale" for unit, f in vetoes)
    assert all(f.url.startswith("/admin/") for _, f in vetoes)


def test_an_external_account_is_a_zombie():
    zombies = [(unit, f) for unit, f in latest_findings() if f.code == "zombie_account"]
    assert zombies and all(f.url for _, f in zombies)


def test_past_weeks_are_scored_for_the_trend():
    assert HealthRun.objects.filter(trigger="demo").count() >= 9


def test_the_dashboard_shows_both(client):
    assert client.login(username="county_head", password="demo-pass-2026")
    content = client.get(reverse("oversight_dashboard")).content.decode()
    assert "柳塘镇" in content and "动态类栏目不更新" in content
    zombies = content[content.index("僵尸账号（") :]
    assert "石桥印象" in zombies and "去处理" in zombies
    assert 'id="oversight-trend-data"' in content


def test_loading_again_adds_no_run():
    before = HealthRun.objects.count()
    call_command("load_demo", "--repair", verbosity=0)
    assert HealthRun.objects.count() == before


def test_archived_articles_keep_their_old_dates_without_being_called_forged():
    from wagtail.models import Page

    assert Page.objects.filter(content_type__model="archivepage").exists()
    assert not [f for _, f in latest_findings() if f.code == "forged_date"]
