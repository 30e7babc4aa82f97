"""Sessions: made only when something is stored, and expired ones cleared by a daily job."""

from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.utils import timezone

from townsquare.core.scheduling import JOBS

pytestmark = pytest.mark.django_db


def test_the_daily_job_clears_expired_sessions():
    Session.objects.create(session_key="x" * 32, session_data="", expire_date=timezone.now() - timedelta(days=1))
    JOBS["clear_sessions"].run()
    assert not Session.objects.exists()


def test_an_anonymous_look_at_the_request_form_stores_no_session(client):
    client.get("/liuyan/")
    assert not Session.objects.exists()
