"""A consultation runs at least CONSULTATION_MIN_DAYS days; a shorter one needs a reason, shown publicly."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from townsquare.consultations.models import ConsultationPage

pytestmark = pytest.mark.django_db

NOW = timezone.now()


def draft(days, reason=""):
    return ConsultationPage(
        title="示范县养老服务补贴办法（征求意见稿）",
        summary="补贴标准和申请方式，请您提意见。",
        opens_at=NOW,
        closes_at=NOW + datetime.timedelta(days=days),
        short_period_reason=reason,
    )


def test_a_period_shorter_than_the_minimum_without_a_reason_is_refused():
    with pytest.raises(ValidationError) as error:
        draft(10).clean()
    assert "不到30天" in str(error.value.message_dict["short_period_reason"])


def test_a_short_period_with_a_stated_reason_is_accepted():
    draft(10, reason="省里要求年底前报送，时间紧。").clean()


def test_the_minimum_is_a_setting(settings):
    settings.CONSULTATION_MIN_DAYS = 7
    draft(10).clean()


def test_closing_before_opening_is_refused():
    with pytest.raises(ValidationError) as error:
        draft(-1).clean()
    assert "closes_at" in error.value.message_dict


def test_an_adoption_report_before_closing_is_refused():
    page = draft(30)
    page.adoption_report = "采纳了大部分意见。"
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert "结束后" in error.value.message_dict["adoption_report"][0]


def test_status_follows_the_period():
    page = draft(30)
    assert [
        page.status(NOW - datetime.timedelta(days=1)),
        page.status(NOW),
        page.status(page.closes_at + datetime.timedelta(seconds=1)),
    ] == ["upcoming", "open", "closed"]
