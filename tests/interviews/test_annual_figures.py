"""The annual report's 在线访谈 figures, counted from interviews and their questions."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from townsquare.interviews.figures import annual_figures
from townsquare.interviews.models import Question

from .factories import InterviewPageFactory, QuestionFactory

pytestmark = pytest.mark.django_db

SHANGHAI = ZoneInfo("Asia/Shanghai")
START, END = datetime(2025, 1, 1, tzinfo=SHANGHAI), datetime(2026, 1, 1, tzinfo=SHANGHAI)


@pytest.fixture
def held(column):
    """Two interviews in 2025 (one with two questions, one answered), one on New Year's Eve 2024."""
    first = InterviewPageFactory(parent=column, starts_at=datetime(2025, 3, 5, 10, tzinfo=SHANGHAI))
    InterviewPageFactory(parent=column, starts_at=datetime(2025, 12, 31, 23, tzinfo=SHANGHAI))
    InterviewPageFactory(parent=column, starts_at=datetime(2024, 12, 31, 23, tzinfo=SHANGHAI))
    QuestionFactory(interview=first, submitted_at=datetime(2025, 3, 1, tzinfo=SHANGHAI))
    QuestionFactory(
        interview=first,
        submitted_at=datetime(2025, 3, 2, tzinfo=SHANGHAI),
        answered_at=datetime(2025, 3, 5, 10, 30, tzinfo=SHANGHAI),
        status=Question.Status.PUBLISHED,
    )
    return first


def test_interviews_held_in_the_year(held):
    assert annual_figures(2025, None, START, END)["interview_rounds"] == 2


def test_an_interview_still_to_come_is_not_counted_yet(column):
    from django.utils import timezone

    InterviewPageFactory(parent=column, starts_at=timezone.now() + timedelta(days=5))
    year = timezone.localdate().year
    start = datetime(year, 1, 1, tzinfo=SHANGHAI)
    assert annual_figures(year, None, start, datetime(year + 1, 1, 1, tzinfo=SHANGHAI))["interview_rounds"] == 0


def test_questions_received_in_the_year(held):
    assert annual_figures(2025, None, START, END)["interview_messages"] == 2


def test_questions_answered_in_the_year(held):
    assert annual_figures(2025, None, START, END)["interview_answers"] == 1


def test_a_units_report_counts_only_its_interviews(held, county):
    assert annual_figures(2025, county.town_a.unit, START, END)["interview_rounds"] == 0


def test_an_unpublished_interview_is_not_counted(column):
    InterviewPageFactory(parent=column, starts_at=datetime(2025, 6, 1, tzinfo=SHANGHAI), publish=False)

    assert annual_figures(2025, None, START, END)["interview_rounds"] == 0


def test_the_report_reads_the_figures(held):
    from townsquare.oversight.annual.report import build_annual_report

    assert build_annual_report(2025).figure("interview_rounds").display == "2"


def test_ends_after_starts(column):
    from django.core.exceptions import ValidationError

    interview = InterviewPageFactory.build(starts_in=timedelta(days=1))
    interview.ends_at = interview.starts_at - timedelta(hours=1)

    with pytest.raises(ValidationError):
        interview.clean()
