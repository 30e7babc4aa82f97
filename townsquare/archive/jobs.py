"""Scheduled work of the archive: runs killed mid-way do not stay "导入中" forever."""

from datetime import timedelta

from townsquare.core.scheduling import periodic_job


@periodic_job("archive_stale_runs", every=timedelta(minutes=5), label="结束中断的归档导入")
def archive_stale_runs():
    """Mark failed the imports whose progress stopped for ARCHIVE_STALE_RUN_MINUTES (worker killed)."""
    from .models import ImportRun

    return ImportRun.fail_stale_runs()
