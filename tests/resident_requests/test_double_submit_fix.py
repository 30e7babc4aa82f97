"""Double submits on PostgreSQL: the same form sent from several connections at once makes one request.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ts_reqfix .venv/bin/python -m pytest \
        tests/resident_requests/test_double_submit_fix.py

Real concurrency needs a server database: SQLite serialises every write, so there the test
skips and says why. Each thread has its own connection and its own browser (client); all
send the same submission key at the same moment (a barrier), as a double click, a refresh
and a resend from a second tab would.
"""

import threading
from urllib.parse import urlparse

import pytest
from django.db import connection, connections
from django.test import Client

from townsquare.resident_requests.models import RequestEvent, ResidentRequest

from .test_public_helpers import SUBMIT_URL, typed

THREADS = 6


@pytest.fixture
def postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip(
            f"needs PostgreSQL for real concurrent writes; DATABASE_URL points at {connection.vendor} "
            "(run with DATABASE_URL=postgres://postgres@127.0.0.1:5432/ts_<name>)"
        )


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_same_form_sent_at_once_from_several_connections_makes_one_request(postgres_only, desk):
    data = typed(desk)
    barrier = threading.Barrier(THREADS)
    answers, failures = [None] * THREADS, []

    def send(index):
        try:
            client = Client(REMOTE_ADDR=f"127.0.0.{index + 1}")
            barrier.wait(timeout=30)
            answers[index] = client.post(SUBMIT_URL, data)
        except Exception as error:  # reported below with the thread's number
            failures.append((index, repr(error)))
        finally:
            connections.close_all()  # this thread's own connection

    threads = [threading.Thread(target=send, args=(index,)) for index in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert not failures, failures
    stored = ResidentRequest.objects.get()  # exactly one
    assert stored.submission_key == data["submission_key"]
    assert RequestEvent.objects.filter(request=stored, action=RequestEvent.Action.SUBMITTED).count() == 1
    done = f"/liuyan/done/{stored.tracking_number}/"
    for answer in answers:
        assert answer is not None and answer.status_code == 302, answer
        assert urlparse(answer["Location"]).path == done
    # One of them stored it; the others were told it was there already.
    assert sum("again=1" not in answer["Location"] for answer in answers) == 1
