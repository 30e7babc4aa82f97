"""Counting what the suggestions do: one more per event and day, no cookie, nothing about the resident."""

import datetime

import pytest

from townsquare.knowledge import tally
from townsquare.knowledge.models import AnswerTally

pytestmark = pytest.mark.django_db


def test_an_event_adds_one_to_the_days_count(client):
    client.post("/wenda/api/count/", {"event": "opened"})
    client.post("/wenda/api/count/", {"event": "opened"})
    assert AnswerTally.objects.get(event="opened").count == 2


def test_counting_sets_no_cookie(client):
    response = client.post("/wenda/api/count/", {"event": "suggested"})
    assert (response.status_code, response.cookies) == (204, {})


def test_an_unknown_event_is_refused(client):
    assert client.post("/wenda/api/count/", {"event": "name=张三"}).status_code == 400


def test_the_count_stores_nothing_but_day_event_and_number():
    assert {f.name for f in AnswerTally._meta.concrete_fields} == {"id", "day", "event", "count"}


def test_answered_before_sent_is_opened_without_sending():
    today = datetime.date(2026, 5, 4)
    for event, count in (("opened", 10), ("sent_after_open", 3)):
        AnswerTally.objects.create(day=today, event=event, count=count)
    assert tally.figures(30, today=today).answered_before_sent == 7


def test_the_figures_leave_out_days_before_the_period():
    today = datetime.date(2026, 5, 4)
    AnswerTally.objects.create(day=today - datetime.timedelta(days=30), event="opened", count=5)
    assert tally.figures(30, today=today).opened == 0
