"""Requests generated from the OpenAPI document (schemathesis, property-based): no server error, only
documented status codes, and every answer matches the document. Bounded examples per endpoint, so the file
takes well under a minute (after the test database exists)."""

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

schema = schemathesis.openapi.from_wsgi("/api/schema/", get_wsgi_application())

EXAMPLES = 30


@pytest.fixture
def unlimited(settings):
    settings.API_RATE_LIMIT_PER_IP_MINUTE = 100_000


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_generated_requests_get_no_server_error(case, content, unlimited):
    case.call_and_validate(checks=[not_a_server_error, status_code_conformance, response_schema_conformance])
