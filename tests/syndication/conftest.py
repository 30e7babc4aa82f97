"""Residents' requests for the privacy tests: the request desk of tests/resident_requests."""

from tests.resident_requests.conftest import _private_media, desk  # noqa: F401
