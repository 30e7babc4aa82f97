"""标准目录 items: due 20 working days after the information was formed or changed (条例 art. 26)."""

import datetime

import pytest
from django.test import override_settings
from django.utils import timezone

from townsquare.disclosure.models import ItemState, StandardItemPage, due_date, status_of

from ..factories import NoticePageFactory
from .factories import StandardItemFactory

D = datetime.date
pytestmark = pytest.mark.django_db  # working days read the county's overrides


def test_the_due_date_skips_the_national_day_holiday_and_counts_makeup_days():
    # Formed Fri 26 Sep 2025: Sun 28 Sep is a make-up working day, 1–8 Oct are off, Sat 11 Oct works.
    assert due_date(D(2025, 9, 26)) == D(2025, 10, 30)


def test_the_due_date_skips_the_spring_festival():
    # Formed Fri 30 Jan 2026; 15–23 Feb 2026 are off, Sat 14 and Sat 28 Feb are make-up working days.
    assert due_date(D(2026, 1, 30)) == D(2026, 3, 5)


@override_settings(DISCLOSURE_PUBLISH_WORKING_DAYS=5)
def test_the_number_of_working_days_is_a_setting():
    assert due_date(D(2026, 3, 2)) == D(2026, 3, 9)


def test_published_within_the_time_is_on_time():
    status = status_of(D(2026, 3, 2), [D(2026, 3, 20)], today=D(2026, 5, 1))
    assert status.state == ItemState.ON_TIME


def test_published_after_the_due_date_is_late():
    status = status_of(D(2026, 3, 2), [D(2026, 4, 20)], today=D(2026, 5, 1))
    assert status.state == ItemState.LATE


def test_unpublished_before_the_due_date_is_not_yet_due():
    status = status_of(D(2026, 3, 2), [], today=D(2026, 3, 30))
    assert status.state == ItemState.NOT_DUE


def test_unpublished_after_the_due_date_is_overdue():
    status = status_of(D(2026, 3, 2), [], today=D(2026, 3, 31))
    assert status.state == ItemState.OVERDUE


def test_a_publication_before_the_last_change_does_not_count():
    status = status_of(D(2026, 3, 2), [D(2026, 2, 1)], today=D(2026, 4, 30))
    assert status.state == ItemState.OVERDUE


def test_an_item_linked_to_a_live_page_published_today_is_published(county):
    today = timezone.localdate()
    item = StandardItemFactory(unit=county.town_a.unit, formed_on=today - datetime.timedelta(days=3))
    notice = NoticePageFactory(parent=county.town_a.section("notice"))
    StandardItemPage.objects.create(item=item, page=notice)
    assert item.status().is_published


def test_an_item_whose_page_was_unpublished_counts_as_unpublished(county):
    item = StandardItemFactory(unit=county.town_a.unit, formed_on=D(2025, 1, 6))
    notice = NoticePageFactory(parent=county.town_a.section("notice"))
    StandardItemPage.objects.create(item=item, page=notice)
    notice.unpublish()
    assert item.status().state == ItemState.OVERDUE


def test_an_item_needs_an_area_the_county_applied_to_its_unit(county):
    from django.core.exceptions import ValidationError

    item = StandardItemFactory(unit=county.town_a.unit)
    item.area = "housing"
    with pytest.raises(ValidationError, match="没有为本单位选定"):
        item.full_clean()
