"""A listing's period (``period_fields``): its end may not come before its start, and it ends the listing."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from townsquare.listings.models import EnrolmentNotice, Event, JobListing, Offer, RentalListing, TrafficNotice

DAY = datetime.date(2026, 5, 4)
NOON = timezone.make_aware(datetime.datetime(2026, 5, 4, 12, 0))


def refusal(listing):
    with pytest.raises(ValidationError) as caught:
        listing.clean()
    return caught.value.message_dict


def test_an_enrolment_notice_ending_before_it_starts_is_refused_at_its_end():
    notice = EnrolmentNotice(starts_on=DAY, ends_on=DAY - datetime.timedelta(days=1))
    assert refusal(notice) == {"ends_on": ["报名截止不能早于报名开始。"]}


def test_a_period_of_days_may_start_and_end_on_the_same_day():
    Offer(valid_from=DAY, valid_until=DAY).clean()


def test_a_timed_period_must_last():
    notice = TrafficNotice(starts_at=NOON, ends_at=NOON)
    assert refusal(notice) == {"ends_at": ["结束时间要晚于开始时间。"]}


def test_a_dated_listing_expires_at_the_end_of_its_last_day():
    assert Offer(valid_until=DAY).natural_expiry() == timezone.make_aware(datetime.datetime(2026, 5, 4, 23, 59, 59))


def test_a_job_expires_at_the_end_of_its_closing_date():
    assert JobListing(closing_date=DAY).natural_expiry().date() == DAY


def test_a_timed_listing_expires_at_its_end_time():
    end = NOON + datetime.timedelta(hours=3)
    assert Event(starts_at=NOON, ends_at=end).natural_expiry() == end


def test_a_listing_without_a_period_expires_after_the_default_days(settings):
    rental = RentalListing(created_at=NOON)
    assert rental.natural_expiry() == NOON + datetime.timedelta(days=settings.LISTINGS_DEFAULT_DAYS)
