"""The OpenAPI document and its human page, with every asset from our own static files."""

import re

import pytest

pytestmark = pytest.mark.django_db


def test_the_schema_is_openapi_3(client):
    assert client.get("/api/schema/").json()["openapi"].startswith("3.")


def test_the_docs_page_loads_nothing_from_elsewhere(client):
    html = client.get("/api/docs/").content.decode()
    assert re.findall(r"""(?:src|href)=["'](?:https?:)?//""", html) == []


def test_the_docs_page_points_at_the_schema(client):
    assert '"url": "/api/schema/"' in client.get("/api/docs/").content.decode()


@pytest.mark.parametrize("asset", ("swagger-ui-bundle.js", "swagger-ui.css", "swagger-ui-init.js"))
def test_the_docs_assets_are_served_by_us(client, asset):
    html = client.get("/api/docs/").content.decode()
    path = re.search(rf"""["']([^"']*{re.escape(asset)})["']""", html).group(1)
    assert client.get(path).status_code == 200


def test_an_unknown_address_under_v1_is_a_json_404(client):
    response = client.get("/api/v1/nothing-here/")
    assert (response.status_code, response["Content-Type"]) == (404, "application/json")
