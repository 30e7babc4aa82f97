"""Fixtures for personal data: the requests desk and a bookable service, borrowed from their apps' tests."""

from tests.appointments.conftest import frozen, guide, service, slot, window  # noqa: F401
from tests.resident_requests.conftest import _private_media, desk  # noqa: F401
