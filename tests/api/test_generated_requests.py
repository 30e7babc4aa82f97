"""Requests generated from the OpenAPI document (schemathesis, property-based): no server error, only
documented status codes, and every answer matches the document. Bounded examples per endpoint, so the file
takes well under a minute (after the test database exists)."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

schema = schemathesis.openapi.from_wsgi("/api/schema/", get_wsgi_application())

EXAMPLES = 30


@pytest.fixture
def unlimited(settings):
    settings.API_RATE_LIMIT_PER_IP_MINUTE = 100_000


@pytest.fixture
def connection_kept():
    """The WSGI handler closes old database connections around each request; inside the test's transaction
    that closes the test's own connection (on PostgreSQL), so, as Django's test client does, not here."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_generated_requests_get_no_server_error(case, content, unlimited, connection_kept):
    case.call_and_validate(checks=[not_a_server_error, status_code_conformance, response_schema_conformance])
