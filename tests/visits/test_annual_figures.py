"""The annual report's 网站总访问量 and 独立用户访问总量 come from the stored daily counts."""

from datetime import date

import pytest

from townsquare.oversight.annual.figures import FILL_IN
from townsquare.oversight.annual.report import build_annual_report
from townsquare.visits.models import DailyVisitors, PageVisits

pytestmark = pytest.mark.django_db

YEAR = 2026


@pytest.fixture
def counts(county):
    PageVisits.objects.create(day=date(YEAR, 1, 1), path="/", unit=county.county.unit, views=100)
    PageVisits.objects.create(day=date(YEAR, 12, 31), path="/qinghe/", unit=county.town_a.unit, views=20)
    PageVisits.objects.create(day=date(YEAR - 1, 12, 31), path="/", unit=county.county.unit, views=999)
    DailyVisitors.objects.create(day=date(YEAR, 1, 1), visitors=40)
    DailyVisitors.objects.create(day=date(YEAR, 12, 31), visitors=7)


def test_page_views_are_the_year_s_views(counts):
    assert build_annual_report(YEAR).figure("page_views").display == "120"


def test_visitors_are_the_sum_of_the_year_s_daily_visitors(counts):
    assert build_annual_report(YEAR).figure("visitors").display == "47"


def test_a_unit_s_page_views_are_its_pages(counts, county):
    assert build_annual_report(YEAR, county.town_a.unit).figure("page_views").display == "20"


def test_a_year_without_counts_is_still_to_fill_in(counts):
    assert build_annual_report(YEAR - 5).figure("page_views").display == FILL_IN
