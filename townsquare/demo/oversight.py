"""The demo county's health checks (监管): a few weeks of honest past results, so the trend chart shows.

Nothing is faked: each past run evaluates the rules with ``now`` set to that day, reading only what
had been published, received or answered by then. The demo content itself already makes one unit
fail a veto item (柳塘镇's 镇村动态 has had nothing new for four weeks) and the channels demo has a
僵尸账号 (石桥镇's 抖音 “石桥印象”), so nothing is added for those.

Availability (网站能不能打开): two weeks of hourly probe checks, as if the scheduler had run them (the
demo's own history, like its content): every page opens, except one night five days ago when the
site was down for three checks (an outage whose alert and recovery e-mails count as sent), and nine
days ago the scheduler stopped for five hours (监测次数不足).

Idempotent: a run is made only for a week that has none within three days of it; the checks only when
those two weeks have none (once the probe has run, its records are the history).
"""

import random
from datetime import timedelta

from townsquare.oversight.checks import run_health_check
from townsquare.oversight.models import AvailabilityCheck, HealthRun, Outage
from townsquare.oversight.probe import probe_urls

from .dates import moment

WEEKS_BACK = 8
TOLERANCE = timedelta(days=3)


AVAILABILITY_DAYS = 14
OUTAGE_DAYS_AGO, OUTAGE_HOURS = 5, (2, 3, 4)  # three failed checks that night
OUTAGE_ERRORS = ("超过15秒没有打开", "网站出错（状态码 502）", "网站出错（状态码 502）")
SCHEDULER_STOPPED_DAYS_AGO, SCHEDULER_STOPPED_HOURS = 9, range(1, 6)


def ensure_availability(now, tally):
    """Hourly checks (at :07) over the last ``AVAILABILITY_DAYS`` days and the outage, when that time has none."""
    start = moment(now, -AVAILABILITY_DAYS, "00:00")
    if AvailabilityCheck.objects.filter(checked_at__gte=start).exists():
        tally.count("可访问性检查", False)
        return
    outage = {moment(now, -OUTAGE_DAYS_AGO, f"{hour:02d}:07"): index for index, hour in enumerate(OUTAGE_HOURS)}
    stopped = {moment(now, -SCHEDULER_STOPPED_DAYS_AGO, f"{hour:02d}:07") for hour in SCHEDULER_STOPPED_HOURS}
    urls = probe_urls()
    rows, when = [], start + timedelta(minutes=7)
    while when <= now:
        failing = outage.get(when)
        timings = random.Random(when.isoformat())
        for url in [] if when in stopped else urls:
            error = "" if failing is None else OUTAGE_ERRORS[failing]
            seconds = 15.0 if failing == 0 else round(timings.uniform(0.08, 0.6), 3)
            code = None if failing == 0 else (502 if error else 200)
            check = AvailabilityCheck(checked_at=when, url=url, status_code=code, seconds=seconds, error=error)
            check.ok = not error
            rows.append(check)
        when += timedelta(hours=1)
    AvailabilityCheck.objects.bulk_create(rows, batch_size=500)
    first, last = min(outage), max(outage)
    Outage.objects.create(
        started_at=first,
        ended_at=last + timedelta(hours=1),
        failed_checks=len(outage),
        detail="；".join(f"{url} {OUTAGE_ERRORS[0]}" for url in urls),
        alerted_at=first + timedelta(minutes=1),
        recovery_sent_at=last + timedelta(hours=1, minutes=1),
    )
    tally.count("可访问性检查", True)


def ensure_oversight(units, now, tally):
    """Two weeks of availability checks, then weekly health runs over the last ``WEEKS_BACK`` weeks and one for
    now, each only if missing."""
    ensure_availability(now, tally)
    for weeks in range(WEEKS_BACK, -1, -1):
        when = now - timedelta(weeks=weeks)
        window = TOLERANCE if weeks else timedelta(days=1)
        exists = HealthRun.objects.filter(ran_at__gte=when - window, ran_at__lte=when + window).exists()
        if not exists:
            run_health_check(now=when, trigger="demo")
        tally.count("健康检查", not exists)
