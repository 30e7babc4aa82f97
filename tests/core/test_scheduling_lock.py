"""Schedulers on one database run each due job once: the first to claim the JobRun row wins."""

from datetime import timedelta

import pytest
from django.utils import timezone

from townsquare.core.models import JobRun
from townsquare.core.scheduling import Job, claim, run_job

pytestmark = pytest.mark.django_db

EVERY = timedelta(minutes=5)


def job(calls=None):
    return Job(
        name="lock_probe", every=EVERY, run=lambda: None if calls is None else calls.append(1), label="lock probe"
    )


def read_before_the_other_writes(monkeypatch):
    """The second scheduler read the row before the first claimed it."""
    stale = JobRun.objects.get_or_create(name="lock_probe")[0]
    monkeypatch.setattr(JobRun.objects, "get_or_create", lambda **kwargs: (stale, False))


def test_the_first_claim_wins():
    assert claim(job(), timezone.now())


def test_a_second_claim_on_a_stale_read_loses(monkeypatch):
    now = timezone.now()
    JobRun.objects.create(name="lock_probe")
    assert claim(job(), now)
    read_before_the_other_writes(monkeypatch)
    assert not claim(job(), now)


def test_a_job_claimed_by_the_other_scheduler_is_not_run(monkeypatch):
    calls = []
    now = timezone.now()
    JobRun.objects.create(name="lock_probe")
    stale = JobRun.objects.get(name="lock_probe")
    run_job(job(calls), now)
    monkeypatch.setattr(JobRun.objects, "get_or_create", lambda **kwargs: (stale, False))
    run_job(job(calls), now)
    assert calls == [1]


def test_a_job_claimed_recently_is_not_due():
    now = timezone.now()
    claim(job(), now)
    assert not claim(job(), now + EVERY / 2)


def test_a_job_is_claimed_again_once_its_interval_passed():
    now = timezone.now()
    claim(job(), now)
    assert claim(job(), now + EVERY)
