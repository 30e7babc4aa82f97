"""Pages with a go-live time go live by themselves; pages past their expiry come down by themselves."""

import datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command

from townsquare.core.models import JobRun
from townsquare.core.scheduling import JOBS, due_jobs, run_due_jobs, run_job

from ..factories import NewsPageFactory, NoticePageFactory
from ..helpers import approve_all, fresh, submit_for_review

SHANGHAI = ZoneInfo("Asia/Shanghai")
MONDAY_9 = datetime.datetime(2026, 6, 1, 9, 0, tzinfo=SHANGHAI)
MONDAY_10 = MONDAY_9 + datetime.timedelta(hours=1)


@pytest.fixture
def scheduled(town_a):
    """A page approved at 09:00 to go live at 10:00 (published by someone allowed to, as the last step does)."""
    with time_machine.travel(MONDAY_9, tick=False):
        page = NewsPageFactory(parent=town_a.section("news"), title="十点发布的新闻", publish=False)
        page.go_live_at = MONDAY_10
        page.save_revision().publish()
    return fresh(page)


def test_the_scheduler_knows_the_publishing_job():
    job = JOBS["publish_scheduled"]

    assert job.every == datetime.timedelta(minutes=1)
    assert job.label == "定时发布与到期下线"


def test_an_approved_page_with_a_future_go_live_time_waits(client, scheduled):
    assert not scheduled.live
    assert scheduled.get_latest_revision().approved_go_live_at == MONDAY_10
    with time_machine.travel(MONDAY_9 + datetime.timedelta(minutes=30), tick=False):
        JOBS["publish_scheduled"].run()
        assert not fresh(scheduled).live
        assert client.get(scheduled.url).status_code == 404


def test_the_job_publishes_it_once_its_time_has_come(client, scheduled):
    with time_machine.travel(MONDAY_10 + datetime.timedelta(minutes=1), tick=False):
        JOBS["publish_scheduled"].run()

        page = fresh(scheduled)
        assert page.live
        assert client.get(page.url).status_code == 200


def test_run_due_jobs_publishes_it_and_records_the_run(scheduled):
    moment = MONDAY_10 + datetime.timedelta(minutes=1)
    with time_machine.travel(moment, tick=False):
        results = run_due_jobs()

    assert results["publish_scheduled"] is True
    assert fresh(scheduled).live
    run = JobRun.objects.get(name="publish_scheduled")
    assert run.last_started == moment
    assert run.last_finished is not None
    assert run.last_error == ""


def test_a_job_is_not_due_again_until_its_interval_has_passed(db):
    start = MONDAY_9
    with time_machine.travel(start, tick=False):
        assert "publish_scheduled" in run_due_jobs()
    with time_machine.travel(start + datetime.timedelta(seconds=30), tick=False):
        assert "publish_scheduled" not in {job.name for job in due_jobs()}
        assert "publish_scheduled" not in run_due_jobs()
    with time_machine.travel(start + datetime.timedelta(minutes=1), tick=False):
        assert "publish_scheduled" in {job.name for job in due_jobs()}


def test_a_failing_job_is_recorded_and_does_not_raise(db):
    from townsquare.core.scheduling import Job

    def broken():
        raise RuntimeError("数据库连不上")

    job = Job(name="broken-test-job", every=datetime.timedelta(minutes=5), run=broken, label="坏任务")

    assert run_job(job) is False
    run = JobRun.objects.get(name="broken-test-job")
    assert "数据库连不上" in run.last_error
    assert run.last_finished is not None


def test_a_page_past_its_expiry_is_taken_down(client, town_a):
    with time_machine.travel(MONDAY_9, tick=False):
        notice = NoticePageFactory(parent=town_a.section("notice"), title="限时通知", expire_at=MONDAY_10)
        assert fresh(notice).live

    with time_machine.travel(MONDAY_10 + datetime.timedelta(minutes=1), tick=False):
        run_due_jobs()
        page = fresh(notice)
        assert not page.live
        assert page.expired
        assert client.get(notice.url).status_code == 404


def test_the_command_runs_due_work_once_and_stops(scheduled):
    out = StringIO()
    with time_machine.travel(MONDAY_10 + datetime.timedelta(minutes=1), tick=False):
        call_command("run_scheduled_work", "--once", stdout=out)

    assert "publish_scheduled: 完成" in out.getvalue()
    assert fresh(scheduled).live
    assert JobRun.objects.filter(name="publish_scheduled").exists()


def test_a_page_scheduled_through_the_three_reviews_goes_live_on_time(county, town_a):
    with time_machine.travel(MONDAY_9, tick=False):
        page = NewsPageFactory(parent=town_a.section("news"), title="审核后定时发布", publish=False)
        page.go_live_at = MONDAY_10
        submit_for_review(page, town_a.editor)
        page = approve_all(page, county, town_a)
        assert not page.live, "approved for 10:00 but live at 09:00"

    with time_machine.travel(MONDAY_10 + datetime.timedelta(minutes=1), tick=False):
        run_due_jobs()
        assert fresh(page).live
