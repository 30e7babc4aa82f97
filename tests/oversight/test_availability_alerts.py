"""An outage alerts the county's supervisors once, and its end once more; the next outage alerts again."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from townsquare.oversight import probe
from townsquare.oversight.models import Outage
from townsquare.oversight.probe import PageResult, track_outage

DOWN = [PageResult("http://zw.example.gov.cn/", False, None, 15.0, "超过15秒没有打开")]
UP = [PageResult("http://zw.example.gov.cn/", True, 200, 0.2)]


@pytest.fixture
def checks(county):
    """Feed results to the outage tracker an hour apart: ``checks(DOWN, DOWN, UP)``."""
    clock = [timezone.now() - timedelta(days=1)]

    def feed(*rounds):
        for results in rounds:
            clock[0] += timedelta(hours=1)
            track_outage(clock[0], results)

    return feed


def test_the_first_failed_check_alerts(checks):
    checks(UP, DOWN)
    [message] = mail.outbox
    assert "网站打不开" in message.subject and "超过15秒没有打开" in message.body


def test_the_alert_goes_to_the_supervisors(checks, county):
    checks(DOWN)
    expected = {county.county.head.email, county.county.reviewer.email, county.media.head.email}
    expected.add(county.media.reviewer.email)
    assert set(mail.outbox[0].to) == expected


def test_further_failed_checks_of_the_same_outage_send_nothing(checks):
    checks(DOWN, DOWN, DOWN)
    assert len(mail.outbox) == 1


def test_the_site_opening_again_sends_one_recovery_message(checks):
    checks(DOWN, DOWN, UP, UP)
    assert ["已恢复" in message.subject for message in mail.outbox] == [False, True]


def test_the_recovery_message_counts_the_failed_checks(checks):
    checks(DOWN, DOWN, UP)
    assert "期间2次检查打不开" in mail.outbox[1].body


def test_good_checks_send_nothing(checks):
    checks(UP, UP)
    assert mail.outbox == []


def test_a_new_outage_alerts_again(checks):
    checks(DOWN, UP, DOWN)
    assert len(mail.outbox) == 3 and Outage.objects.count() == 2


def test_an_outage_stays_open_until_a_good_check(checks):
    checks(DOWN, DOWN)
    assert Outage.objects.get().is_open


def test_an_alert_that_could_not_be_sent_goes_out_at_the_next_check(checks, monkeypatch):
    failures = iter([OSError("smtp down")])

    def flaky(*args, **kwargs):
        error = next(failures, None)
        if error:
            raise error
        return mail.send_mail(*args, **kwargs)

    monkeypatch.setattr(probe, "send_mail", flaky)
    checks(DOWN, DOWN, DOWN)
    assert len(mail.outbox) == 1
