"""Every endpoint's answers, good and refused, match the OpenAPI document at /api/schema/."""

import pytest

from .schema import document, errors

pytestmark = pytest.mark.django_db

LISTS = (
    "/api/v1/pages/",
    "/api/v1/guides/",
    "/api/v1/listings/",
    "/api/v1/requests/",
    "/api/v1/units/",
    "/api/v1/weather/",
    "/api/v1/statistics/requests/",
    "/api/v1/statistics/disclosure/",
)


def details(content):
    rental = next(item for item in content.listings if item.kind == "rentals")
    return [f"/api/v1/pages/{page.pk}/" for page in content.pages] + [
        f"/api/v1/guides/{content.guides[0].pk}/",
        f"/api/v1/listings/rentals/{rental.pk}/",
        f"/api/v1/requests/{content.requests[0].tracking_number}/",
    ]


@pytest.mark.parametrize("url", LISTS)
def test_list_answers_match_the_document(client, content, url):
    response = client.get(url)
    assert errors(url, response.status_code, response.json()) == []


def test_detail_answers_match_the_document(client, content):
    found = {}
    for url in details(content):
        response = client.get(url)
        found[url] = errors(url, response.status_code, response.json())
    assert found == {url: [] for url in found}


@pytest.mark.parametrize(
    "url",
    (
        "/api/v1/pages/999999/",
        "/api/v1/guides/999999/",
        "/api/v1/listings/jobs/999999/",
        "/api/v1/requests/20990101000001/",
    ),
)
def test_not_found_answers_match_the_document(client, content, url):
    response = client.get(url)
    assert (response.status_code, errors(url, response.status_code, response.json())) == (404, [])


@pytest.mark.parametrize(
    ("url", "params"),
    (
        ("/api/v1/pages/", {"cursor": "not-a-cursor"}),
        ("/api/v1/pages/", {"since": "2026-13-01"}),
        ("/api/v1/pages/", {"type": "weather"}),
        ("/api/v1/listings/", {"limit": "-1"}),
        ("/api/v1/requests/", {"cursor": "W10"}),
        ("/api/v1/statistics/requests/", {"year": "1990"}),
    ),
)
def test_refusals_are_documented_400s(client, content, url, params):
    response = client.get(url, params)
    assert (response.status_code, errors(url, 400, response.json())) == (400, [])


def test_the_document_lists_every_endpoint(client):
    paths = set(client.get("/api/schema/").json()["paths"])
    assert (
        paths == set(document()["paths"]) >= {*LISTS, "/api/v1/pages/{page_id}/", "/api/v1/requests/{tracking_number}/"}
    )
