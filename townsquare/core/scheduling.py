"""Scheduled work: periodic jobs that run by themselves, without anyone typing a command.

Apps declare jobs in their ``jobs.py`` with ``@periodic_job(...)``; the
``run_scheduled_work`` command (started by ``make run`` and in production by the
process manager) runs each one when it is due and records the outcome.

Several schedulers may run on one database (one per app server): each due job runs once, because
a scheduler first claims the job's ``JobRun`` row with a compare-and-set ``UPDATE … WHERE
last_started = <the value it read>``. The database lets one such update through; the others
match no row (PostgreSQL re-checks the condition after the winner commits) and skip the job.
"""

import logging
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    name: str
    every: timedelta
    run: Callable[[], object]
    label: str


JOBS: dict[str, Job] = {}


def periodic_job(name, every, label=""):
    def register(func):
        JOBS[name] = Job(name=name, every=every, run=func, label=label or name)
        return func

    return register


def due_jobs(now=None):
    """Jobs whose interval has passed since they last started."""
    from .models import JobRun

    now = now or timezone.now()
    last_started = dict(JobRun.objects.values_list("name", "last_started"))
    return [
        job for job in JOBS.values() if last_started.get(job.name) is None or now - last_started[job.name] >= job.every
    ]


def claim(job, now=None):
    """Mark the job started at ``now`` if it is due; False when it is not, or another scheduler claimed it first."""
    from .models import JobRun

    now = now or timezone.now()
    with transaction.atomic():
        run, _ = JobRun.objects.get_or_create(name=job.name)
    if run.last_started is not None and now - run.last_started < job.every:
        return False
    return JobRun.objects.filter(pk=run.pk, last_started=run.last_started).update(last_started=now) == 1


def run_job(job, now=None):
    """Run one job unless another scheduler claimed it; record when and how it ended (None: not run).

    An error in the job is logged, never raised."""
    from .models import JobRun

    now = now or timezone.now()
    if not claim(job, now):
        return None
    try:
        result = job.run()
    except Exception:  # a failing job must not stop the others
        logger.exception("scheduled job %s failed", job.name)
        JobRun.objects.filter(name=job.name).update(
            last_finished=timezone.now(), last_error=traceback.format_exc()[-2000:]
        )
        return False
    JobRun.objects.filter(name=job.name).update(
        last_finished=timezone.now(), last_error="", last_result=str(result or "")[:500]
    )
    return True


def run_due_jobs(now=None):
    """Run the jobs that are due and this scheduler claimed: {name: True when it worked}."""
    results = {}
    for job in due_jobs(now):
        outcome = run_job(job, now)
        if outcome is not None:
            results[job.name] = outcome
    return results
