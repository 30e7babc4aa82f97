"""Browser pages of the configured origins may read the API; no other origin, and nothing outside it."""

import pytest

pytestmark = pytest.mark.django_db
ALLOWED = "https://m.example.gov.cn"


@pytest.fixture
def origins(settings):
    settings.CORS_ALLOWED_ORIGINS = [ALLOWED]


def test_a_configured_origin_may_read(client, content, origins):
    response = client.get("/api/v1/units/", HTTP_ORIGIN=ALLOWED)
    assert response["Access-Control-Allow-Origin"] == ALLOWED


def test_a_configured_origin_may_read_a_cached_answer(client, content, origins):
    client.get("/api/v1/units/")
    response = client.get("/api/v1/units/", HTTP_ORIGIN=ALLOWED)
    assert (response.get("X-Page-Cache"), response["Access-Control-Allow-Origin"]) == ("hit", ALLOWED)


def test_another_origin_gets_no_cors_header(client, content, origins):
    response = client.get("/api/v1/units/", HTTP_ORIGIN="https://evil.example.com")
    assert not response.has_header("Access-Control-Allow-Origin")


def test_without_configured_origins_no_one_gets_one(client, content):
    response = client.get("/api/v1/units/", HTTP_ORIGIN=ALLOWED)
    assert not response.has_header("Access-Control-Allow-Origin")


def test_a_preflight_of_a_configured_origin_is_answered(client, content, origins):
    response = client.options("/api/v1/pages/", HTTP_ORIGIN=ALLOWED, HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET")
    assert response["Access-Control-Allow-Origin"] == ALLOWED


def test_pages_of_the_site_get_no_cors_header(client, content, origins):
    response = client.get("/liuyan/public/", HTTP_ORIGIN=ALLOWED)
    assert not response.has_header("Access-Control-Allow-Origin")
