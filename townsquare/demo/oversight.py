"""The demo county's health checks (监管): a few weeks of honest past results, so the trend chart shows.

Nothing is faked: each past run evaluates the rules with ``now`` set to that day, reading only what
had been published, received or answered by then. The demo content itself already makes one unit
fail a veto item (柳塘镇's 镇村动态 has had nothing new for four weeks) and the channels demo has a
僵尸账号 (石桥镇's 抖音 “石桥印象”), so nothing is added for those.

Idempotent: a run is made only for a week that has none within three days of it.
"""

from datetime import timedelta

from townsquare.oversight.checks import run_health_check
from townsquare.oversight.models import HealthRun

WEEKS_BACK = 8
TOLERANCE = timedelta(days=3)


def ensure_oversight(units, now, tally):
    """Weekly health runs over the last ``WEEKS_BACK`` weeks and one for now, each only if missing."""
    for weeks in range(WEEKS_BACK, -1, -1):
        when = now - timedelta(weeks=weeks)
        window = TOLERANCE if weeks else timedelta(days=1)
        exists = HealthRun.objects.filter(ran_at__gte=when - window, ran_at__lte=when + window).exists()
        if not exists:
            run_health_check(now=when, trigger="demo")
        tally.count("健康检查", not exists)
