"""The demo's 办理进度提醒: a log of sent messages for requests, applications and bookings, and 回访 answers."""

from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from townsquare.appointments.models import Booking
from townsquare.core.models import Delivery, FollowupRating
from townsquare.disclosure_requests.models import Application
from townsquare.resident_requests.models import ResidentRequest

pytestmark = pytest.mark.usefixtures("demo", "db")


def test_requests_applications_and_bookings_all_have_sent_messages():
    sent = Delivery.objects.filter(status="sent")
    types = set(sent.values_list("case_type", flat=True))
    expected = {ContentType.objects.get_for_model(model).pk for model in (ResidentRequest, Application, Booking)}
    assert expected <= types


def test_sent_messages_keep_no_address():
    assert not Delivery.objects.filter(status="sent").exclude(address="").exists()


def test_nothing_due_is_left_for_the_job_to_send_when_the_demo_loads():
    left = Delivery.objects.filter(status="pending", due_at__lt=timezone.now() - timedelta(days=1))
    assert list(left.values_list("kind", "due_at", "created_at")) == []


def test_three_requests_answered_the_followup():
    assert sorted(FollowupRating.objects.values_list("outcome", flat=True)) == ["partly", "solved", "unsolved"]
