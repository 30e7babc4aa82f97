"""The live page's updates: lines after a cursor as HTML fragments, from the page cache until a line is posted."""

from datetime import timedelta

import pytest

from tests.helpers import building_pages
from townsquare.interviews import handling

from .factories import InterviewPageFactory, LineFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def live(column):
    return InterviewPageFactory(parent=column, starts_in=timedelta(minutes=-30))


def test_only_lines_after_the_cursor_come(client, live):
    first = LineFactory(interview=live, text="第一句")
    LineFactory(interview=live, text="第二句")

    data = client.get(live.subpage_url("updates") + f"?after={first.pk}").json()

    assert ["第二句" in item["html"] for item in data["lines"]] == [True]


def test_the_cursor_moves_to_the_last_line(client, live):
    LineFactory(interview=live)
    last = LineFactory(interview=live)

    assert client.get(live.subpage_url("updates") + "?after=0").json()["after"] == last.pk


def test_a_bad_cursor_counts_as_the_start(client, live):
    LineFactory(interview=live)

    assert len(client.get(live.subpage_url("updates") + "?after=abc").json()["lines"]) == 1


def test_a_line_posted_by_staff_reaches_a_cached_answer(client, live, county):
    url = live.subpage_url("updates") + "?after=0"
    client.get(url)  # kept in the page cache
    handling.post_line(live, "guest", "刚刚发布的一句", county.county.editor)

    assert "刚刚发布的一句" in client.get(url).json()["lines"][0]["html"]


def test_the_answer_says_when_the_interview_has_ended(client, column):
    ended = InterviewPageFactory(parent=column, starts_in=timedelta(days=-1))

    assert client.get(ended.subpage_url("updates")).json()["stage"] == "ended"


def test_updates_take_few_queries(client, live, django_assert_max_num_queries):
    LineFactory.create_batch(10, interview=live)

    with building_pages(), django_assert_max_num_queries(8):
        client.get(live.subpage_url("updates") + "?after=0")
