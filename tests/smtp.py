"""A real SMTP server on loopback (aiosmtpd) for tests of e-mail: ``smtp_server``.

The fixture points Django's SMTP backend at it; ``.messages`` holds what arrived (parsed with
``email.policy.default``, each with ``.envelope_to``), ``.wait_for(n)`` waits for n of them, and
``.reject_next(n)`` makes the next n DATA commands fail with a temporary error (451) to test retries.
"""

import email
import email.policy
import socket
import threading
import time

import pytest
from aiosmtpd.controller import Controller


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class LoopbackSMTP:
    host = "127.0.0.1"

    def __init__(self):
        self.port = _free_port()
        self.messages = []
        self.envelopes = []
        self._rejections = 0
        self._lock = threading.Condition()
        self.controller = Controller(self, hostname=self.host, port=self.port)

    # aiosmtpd handler hook
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

    def reject_next(self, n=1):
        with self._lock:
            self._rejections = n

    def wait_for(self, count, timeout=5):
        deadline = time.monotonic() + timeout
        with self._lock:
            while len(self.messages) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"expected {count} messages, {len(self.messages)} arrived")
                self._lock.wait(left)
            return list(self.messages)


@pytest.fixture
def smtp_server(settings):
    server = LoopbackSMTP()
    server.controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = server.host
    settings.EMAIL_PORT = server.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = ""
    try:
        yield server
    finally:
        server.controller.stop()
