"""Askers' names and contacts are erased once the interview ended longer ago than the retention period."""

from datetime import timedelta

import pytest
from django.utils import timezone

from townsquare.interviews.models import Question
from townsquare.interviews.personal_data import anonymise_closed

from .factories import InterviewPageFactory, QuestionFactory

pytestmark = pytest.mark.django_db


def test_contacts_of_a_long_ended_interview_are_erased(column):
    QuestionFactory(interview=InterviewPageFactory(parent=column, starts_in=timedelta(days=-400)))

    anonymise_closed(timezone.now() - timedelta(days=365))

    assert Question.objects.values_list("phone", "email").get() == ("", "")


def test_a_recent_interviews_askers_are_kept(column):
    QuestionFactory(interview=InterviewPageFactory(parent=column, starts_in=timedelta(days=-10)))

    assert anonymise_closed(timezone.now() - timedelta(days=365)) == 0


def test_an_erased_asker_is_just_a_netizen(column):
    question = QuestionFactory(interview=InterviewPageFactory(parent=column), name="（已删除）")

    assert question.public_name == "网友"
