"""The demo's pages that learn: answers on several pages (two unhelpful ones in 监管) and half a year of visits."""

import pytest
from django.utils import timezone

from townsquare.feedback.models import PageAnswer
from townsquare.feedback.reports import unhelpful_pages
from townsquare.oversight.annual.report import build_annual_report
from townsquare.visits.models import PageVisits

pytestmark = pytest.mark.usefixtures("demo", "db")


def test_several_pages_have_answers():
    assert PageAnswer.objects.values("path").distinct().count() >= 5


def test_two_unhelpful_pages_surface_in_oversight():
    assert [row.title for row in unhelpful_pages()] == ["《出生医学证明》补发", "示范县老年人免费乘坐城乡公交办法"]


def test_the_unhelpful_guide_shows_what_residents_missed():
    assert "没写周六能不能办。" in [text for text, _ in unhelpful_pages()[0].missing]


def test_visits_were_counted_every_day_of_the_last_months():
    today = timezone.localdate()
    days = PageVisits.objects.filter(day__lt=today).values("day").distinct().count()
    assert days >= 90


def test_the_annual_report_fills_its_visit_figures_from_the_counts():
    report = build_annual_report(timezone.localdate().year)
    assert int(report.figure("page_views").display) > 0
