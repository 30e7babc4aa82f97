from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from townsquare.core.scheduling import periodic_job

from .flushing import flush


@periodic_job("visits_flush", every=timedelta(minutes=settings.VISITS_FLUSH_MINUTES), label="访问量写入")
def visits_flush():
    """Store yesterday's final and today's running visit counts from the cache."""
    today = timezone.localdate()
    return flush(today - timedelta(days=1)) + flush(today)
