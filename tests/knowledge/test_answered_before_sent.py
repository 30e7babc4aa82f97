"""Counting what the suggestions do: one more per event and day, no cookie, nothing about the resident."""

import datetime

import pytest

from tests.resident_requests.test_public_helpers import SUBMIT_URL, new_key, typed
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


def sent_after_open():
    row = AnswerTally.objects.filter(event="sent_after_open").first()
    return row.count if row else 0


def test_a_request_stored_after_opening_an_answer_is_counted_as_sent(client, desk):
    key = new_key()
    client.post(SUBMIT_URL, {**typed(desk), "submission_key": key, "knowledge_opened": "1"})
    client.post(SUBMIT_URL, {**typed(desk), "submission_key": key, "knowledge_opened": "1"})  # sent twice: one request
    assert sent_after_open() == 1


def test_a_submission_the_server_refuses_is_not_counted_as_sent(client, desk):
    response = client.post(SUBMIT_URL, {**typed(desk, title=""), "submission_key": new_key(), "knowledge_opened": "1"})
    assert (response.status_code, sent_after_open()) == (400, 0)


def test_the_refused_form_keeps_the_mark_for_the_next_try(client, desk):
    response = client.post(SUBMIT_URL, {**typed(desk, title=""), "submission_key": new_key(), "knowledge_opened": "1"})
    assert 'name="knowledge_opened" id="knowledge-opened" value="1"' in response.content.decode()


def test_the_script_cannot_report_a_sending(client):
    assert client.post("/wenda/api/count/", {"event": "sent_after_open"}).status_code == 400
