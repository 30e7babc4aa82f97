"""A real SMTP server on loopback for tests of e-mail: ``smtp_server`` (aiosmtpd).

    def test_x(smtp_server):
        ...  # code that sends through Django's SMTP backend
        [message] = smtp_server.wait_for(1)
        message["Subject"], message.envelope_to

Messages are ``email.message.EmailMessage`` parsed with ``email.policy.default``, in arrival order,
each with ``envelope_to`` (the RCPT TO addresses). ``reject_next(n)`` makes the next n DATA
commands answer ``451 4.3.0`` so that retry paths can be tested.
"""

import email
import email.policy
import socket
import threading
import time

import pytest
from aiosmtpd.controller import Controller


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class LoopbackSMTP:
    def __init__(self):
        self.host = "127.0.0.1"
        self.port = free_port()
        self.messages = []
        self.envelopes = []
        self._rejections = 0
        self.running = False
        self._lock = threading.Condition()
        self._controller = Controller(self, hostname=self.host, port=self.port)

    # --- the aiosmtpd handler ------------------------------------------------------------------------

    async def handle_DATA(self, server, session, envelope):
        with self._lock:
            if self._rejections:
                self._rejections -= 1
                return "451 4.3.0 暂时无法投递"
            message = email.message_from_bytes(envelope.content, policy=email.policy.default)
            message.envelope_to = list(envelope.rcpt_tos)
            self.messages.append(message)
            self.envelopes.append(list(envelope.rcpt_tos))
            self._lock.notify_all()
        return "250 OK"

    # --- for tests -------------------------------------------------------------------------------------

    def start(self):
        self._controller.start()
        self.running = True
        return self

    def stop(self):
        """Stop the server (a test may do it early, to see sending fail); stopping twice is fine."""
        if self.running:
            self._controller.stop()
            self.running = False

    def reject_next(self, n):
        with self._lock:
            self._rejections = n

    def wait_for(self, count, timeout=5):
        deadline = time.monotonic() + timeout
        with self._lock:
            while len(self.messages) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                self._lock.wait(left)
            return list(self.messages)


@pytest.fixture
def smtp_server(settings):
    server = LoopbackSMTP().start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = server.host
    settings.EMAIL_PORT = server.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    yield server
    server.stop()
