"""The 12号 annual report counts consultations: rounds opened, opinions received, 采纳情况 published."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from townsquare.consultations.figures import annual_figures
from townsquare.consultations.models import ConsultationPage

from .factories import CommentFactory, ConsultationPageFactory, index_of

pytestmark = pytest.mark.django_db

BEIJING = ZoneInfo("Asia/Shanghai")
START, END = datetime.datetime(2026, 1, 1, tzinfo=BEIJING), datetime.datetime(2027, 1, 1, tzinfo=BEIJING)


@pytest.fixture
def in_2026(town_a):
    opens = datetime.datetime(2026, 3, 1, 9, tzinfo=BEIJING)
    page = ConsultationPageFactory(
        parent=index_of(town_a), opens_at=opens, closes_at=opens + datetime.timedelta(days=30)
    )
    CommentFactory(consultation=page, created_at=opens + datetime.timedelta(days=1))
    CommentFactory(consultation=page, created_at=opens + datetime.timedelta(days=2))
    ConsultationPage.objects.filter(pk=page.pk).update(adoption_published_at=opens + datetime.timedelta(days=40))
    return page


def test_a_round_its_opinions_and_its_result_are_counted(in_2026):
    assert annual_figures(2026, None, START, END) == {"survey_rounds": 1, "survey_opinions": 2, "survey_results": 1}


def test_another_units_report_does_not_count_them(in_2026, town_b):
    assert annual_figures(2026, town_b.unit, START, END) == {
        "survey_rounds": 0,
        "survey_opinions": 0,
        "survey_results": 0,
    }


def test_a_round_opened_the_year_before_is_not_counted(in_2026):
    before = (START.replace(year=2025), END.replace(year=2026))
    assert annual_figures(2025, None, *before)["survey_rounds"] == 0
