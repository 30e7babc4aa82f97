"""Webhooks: a signed POST per event to the unit's relays, retried after a failure, every attempt logged."""

import hashlib
import hmac
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.utils import timezone

from tests.factories import NewsPageFactory
from townsquare.relays import webhooks
from townsquare.relays.models import WebhookDelivery

from .factories import WebhookFactory

pytestmark = pytest.mark.django_db
Status = WebhookDelivery.Status


class Receiver:
    """A loopback relay that records requests and answers with the next queued status (200 when none)."""

    def __init__(self):
        self.requests, self.statuses = [], []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.requests.append((dict(self.headers), body))
                status = receiver.statuses.pop(0) if receiver.statuses else 200
                self.send_response(status)
                self.end_headers()
                self.wfile.write(b"ok" if status == 200 else b"busy")

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/relay"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver():
    relay = Receiver()
    yield relay
    relay.close()


@pytest.fixture
def hook(town_a, receiver):
    return WebhookFactory(channel__unit=town_a.unit, url=receiver.url, secret="s3cret")


@pytest.fixture
def publish(town_a, django_capture_on_commit_callbacks):
    def publish():
        with django_capture_on_commit_callbacks(execute=True):
            return NewsPageFactory(parent=town_a.section("news"))

    return publish


def test_the_signature_is_the_hmac_of_timestamp_and_body(hook, receiver, publish):
    publish()

    headers, body = receiver.requests[0]
    expected = hmac.new(b"s3cret", headers["X-Townsquare-Timestamp"].encode() + b"." + body, hashlib.sha256)
    assert headers["X-Townsquare-Signature"] == "sha256=" + expected.hexdigest()


def test_the_payload_names_the_page_and_the_event(hook, receiver, publish):
    page = publish()

    headers, body = receiver.requests[0]
    data = json.loads(body)
    assert (headers["X-Townsquare-Event"], data["page"]["id"], data["page"]["unit"]) == (
        "page.published",
        page.pk,
        "青禾镇",
    )


def test_a_hook_of_another_unit_hears_nothing(town_b, receiver, publish):
    WebhookFactory(channel__unit=town_b.unit, url=receiver.url)
    publish()

    assert receiver.requests == []


def test_a_500_is_logged_and_tried_again_later(hook, receiver, publish):
    receiver.statuses = [500]
    publish()

    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.status_code, delivery.response_snippet, delivery.next_attempt_at is not None) == (
        Status.PENDING,
        500,
        "busy",
        True,
    )


def test_the_retry_delivers_with_the_same_delivery_id(hook, receiver, publish):
    receiver.statuses = [500]
    publish()
    webhooks.due(now=timezone.now() + timezone.timedelta(hours=1))

    ids = {headers["X-Townsquare-Delivery"] for headers, _ in receiver.requests}
    assert (len(receiver.requests), len(ids), WebhookDelivery.objects.get().status) == (2, 1, Status.DELIVERED)


def test_a_relay_that_never_answers_well_ends_failed(hook, receiver, publish, settings):
    settings.RELAY_MAX_ATTEMPTS = 2
    receiver.statuses = [503, 503]
    publish()
    webhooks.due(now=timezone.now() + timezone.timedelta(hours=1))

    assert WebhookDelivery.objects.get().status == Status.FAILED


def test_unpublishing_is_sent_as_its_own_event(hook, receiver, publish, django_capture_on_commit_callbacks):
    page = publish()
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()

    assert receiver.requests[-1][0]["X-Townsquare-Event"] == "page.unpublished"


def test_the_payload_carries_no_contact_details(hook, receiver, publish):
    publish()

    assert set(json.loads(receiver.requests[0][1])["page"]) == {
        "id",
        "title",
        "url",
        "summary",
        "type",
        "unit",
        "published_at",
    }


def test_publishing_a_live_page_again_is_an_update(hook, receiver, publish, django_capture_on_commit_callbacks):
    page = publish()
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()

    assert [headers["X-Townsquare-Event"] for headers, _ in receiver.requests] == ["page.published", "page.updated"]
