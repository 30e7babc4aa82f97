"""A published interview is found by site search (its topic, summary and guest)."""

import pytest

from townsquare.search.query import Params, search

from .factories import InterviewPageFactory

pytestmark = pytest.mark.django_db


def test_an_interview_is_found_by_its_guest(column):
    InterviewPageFactory(parent=column, title="冬季供暖怎么保障", guest_name="欧阳明", guest_title="县住建局局长")

    assert [hit.title for hit in search(Params(q="住建局局长"), log=False).hits] == ["冬季供暖怎么保障"]
