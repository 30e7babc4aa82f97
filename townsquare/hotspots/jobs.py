from datetime import timedelta

from townsquare.core.scheduling import periodic_job

from .topics import refresh


@periodic_job("hot_topics", every=timedelta(days=7), label="热点问题分析")
def hot_topics():
    """Group the recent requests into hot topics, rank them, and stamp those that now call for a response."""
    return len(refresh())
