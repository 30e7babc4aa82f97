"""Scheduled work: periodic jobs that run by themselves, without anyone typing a command.

Apps declare jobs in their ``jobs.py`` with ``@periodic_job(...)``; the
``run_scheduled_work`` command (started by ``make run`` and in production by the
process manager) runs each one when it is due and records the outcome.
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


def run_job(job, now=None):
    """Run one job and record when and how it ended; an error is logged, never raised."""
    from .models import JobRun

    now = now or timezone.now()
    with transaction.atomic():
        JobRun.objects.update_or_create(name=job.name, defaults={"last_started": now})
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
    return {job.name: run_job(job, now) for job in due_jobs(now)}
