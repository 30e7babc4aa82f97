"""The scheduled work: daily check, daily link check, weekly digest to each unit's 负责人; check_health."""

from io import StringIO

from django.core import mail
from django.core.management import call_command

from townsquare.core.scheduling import JOBS
from townsquare.oversight import jobs
from townsquare.oversight.checks import run_health_check, send_digests
from townsquare.oversight.models import HealthRun
from townsquare.units.models import Membership, Role


def test_the_jobs_are_scheduled():
    assert {"oversight_health", "oversight_links", "oversight_digest"} <= set(JOBS)
    assert JOBS["oversight_health"].every.days == 1 and JOBS["oversight_digest"].every.days == 7


def test_daily_job_stores_a_run_with_every_unit(county):
    result = jobs.oversight_health()
    run = HealthRun.objects.get()
    assert run.trigger == "scheduled" and "全县" in result
    assert run.unit_scores.count() == 4  # county, media centre, two towns


def test_digest_goes_to_the_head_with_what_to_do(county, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://zw.example.gov.cn"
    run_health_check()
    sent = send_digests()
    to_town_a = [m for m in mail.outbox if county.town_a.head.email in m.to]
    assert sent == len(mail.outbox) >= 1
    [message] = to_town_a
    assert "青禾镇" in message.subject and "否决" in message.subject
    assert "动态类栏目不更新" in message.body and "怎么改" in message.body
    assert "https://zw.example.gov.cn/admin/pages/" in message.body
    assert county.town_b.head.email not in message.to


def test_digest_falls_back_to_the_units_address(county):
    Membership.objects.filter(unit=county.town_a.unit, role=Role.HEAD).delete()
    county.town_a.unit.email = "qinghe@example.gov.cn"
    county.town_a.unit.save()
    run_health_check()
    send_digests()
    assert any(m.to == ["qinghe@example.gov.cn"] for m in mail.outbox)


def test_check_health_command_prints_the_table(county):
    out = StringIO()
    call_command("check_health", "--details", stdout=out)
    text = out.getvalue()
    assert text.startswith("全县：") and "单位" in text and "青禾镇" in text and "单项否决" in text
    assert HealthRun.objects.get().trigger == "command"
