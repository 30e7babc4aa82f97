"""站点无法访问 from the recorded checks: the week's failed share against the threshold; days with too few checks."""

from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone

from townsquare.oversight import availability
from townsquare.oversight.models import AvailabilityCheck
from townsquare.oversight.rules import check

CHECKS_PER_DAY = 20


@pytest.fixture
def now():
    """Noon today, local time: every day of the window, today included, has had its morning checks."""
    return timezone.make_aware(datetime.combine(timezone.localdate(), time(12, 0)))


def record(when, ok=True, url="http://zw.example.gov.cn/"):
    return AvailabilityCheck.objects.create(
        checked_at=when, url=url, ok=ok, status_code=200 if ok else 502, error="" if ok else "网站出错（状态码 502）"
    )


def a_week_of_checks(now, failed, per_day=CHECKS_PER_DAY, days=7):
    """``per_day`` checks a day (every half hour from midnight) for ``days`` days up to ``now``; the first
    ``failed`` of them failed."""
    moments = [
        timezone.make_aware(datetime.combine(timezone.localdate(now) - timedelta(days=day), time.min))
        + timedelta(minutes=30 * index)
        for day in range(days - 1, -1, -1)
        for index in range(per_day)
    ]
    for number, when in enumerate(moments):
        record(when, ok=number >= failed)
    return len(moments)


def test_a_failed_share_at_the_threshold_is_a_veto(db, now, settings):
    settings.AVAILABILITY_FAILURE_SHARE = 0.05
    total = a_week_of_checks(now, failed=7)
    assert total == 140 and availability.window(now).vetoed


def test_a_failed_share_just_under_the_threshold_is_not(db, now, settings):
    settings.AVAILABILITY_FAILURE_SHARE = 0.05
    a_week_of_checks(now, failed=6)
    assert not availability.window(now).vetoed


def test_checks_before_the_window_do_not_count(db, now, settings):
    settings.AVAILABILITY_WINDOW_DAYS = 7
    a_week_of_checks(now, failed=20, days=8)  # the failures are all on the day before the window
    assert (availability.window(now).checks, availability.window(now).failures) == (140, 0)


def test_one_failed_page_fails_the_whole_check(db, now):
    when = now - timedelta(hours=1)
    record(when, url="http://zw.example.gov.cn/")
    record(when, ok=False, url="http://zw.example.gov.cn/liuyan/")
    window = availability.window(now)
    assert (window.checks, window.failures) == (1, 1)


def test_the_rule_vetoes_the_county_at_the_threshold(county, now):
    a_week_of_checks(now, failed=7)
    [finding] = [f for f in check(None, now).vetoes if f.code == "site_unavailable"]
    assert "140次" in finding.detail and "7次打不开" in finding.detail and "5%" in finding.detail


def test_the_rule_says_nothing_under_the_threshold(county, now):
    a_week_of_checks(now, failed=6)
    assert not [f for f in check(None, now).findings if f.code == "site_unavailable"]


def test_a_finished_day_with_too_few_checks_is_flagged(db, now):
    a_week_of_checks(now, failed=0)
    AvailabilityCheck.objects.filter(checked_at__date=timezone.localdate(now) - timedelta(days=2)).order_by(
        "checked_at"
    ).first().delete()
    assert [day.checks for day in availability.window(now).days_too_few] == [CHECKS_PER_DAY - 1]


def test_today_is_not_flagged_before_it_ends(db, now):
    a_week_of_checks(now, failed=0)
    today = AvailabilityCheck.objects.filter(checked_at__date=timezone.localdate(now)).order_by("checked_at")
    AvailabilityCheck.objects.filter(pk__in=list(today.values_list("pk", flat=True)[2:])).delete()
    assert availability.window(now).days_too_few == []


def test_a_day_without_any_check_is_flagged(db, now):
    a_week_of_checks(now, failed=0)
    AvailabilityCheck.objects.filter(checked_at__date=timezone.localdate(now) - timedelta(days=3)).delete()
    assert [day.checks for day in availability.window(now).days_too_few] == [0]


def test_days_before_monitoring_began_are_not_flagged(db, now):
    a_week_of_checks(now, failed=0, days=3)
    assert availability.window(now).days_too_few == []


def test_past_weeks_are_summed_separately(db, now):
    a_week_of_checks(now, failed=20, days=14)  # the first day of fourteen failed entirely
    current, previous = availability.weeks(now, count=2)
    assert (current.failures, previous.failures, previous.vetoed) == (0, 20, True)
