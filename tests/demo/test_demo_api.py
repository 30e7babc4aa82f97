"""The open API over the demo county: every list has content, and no resident's contact appears anywhere.

The API has no demo data of its own: it serves what the other demo modules load.
"""

import pytest

from townsquare.listings.models import LISTING_MODELS
from townsquare.resident_requests import public
from townsquare.resident_requests.models import ResidentRequest

pytestmark = pytest.mark.usefixtures("demo", "db")

LISTS = (
    "/api/v1/pages/",
    "/api/v1/guides/",
    "/api/v1/listings/",
    "/api/v1/requests/",
    "/api/v1/units/",
)


def walk(client, url):
    items, params = [], {"limit": 100}
    while True:
        data = client.get(url, params).json()
        items += data["items"]
        if not data["next_cursor"]:
            return items
        params["cursor"] = data["next_cursor"]


def contacts():
    """Every resident's phone, e-mail and name in the demo's requests and public listings."""
    found = set()
    for row in ResidentRequest.objects.values("contact_phone", "contact_email", "contact_name"):
        found |= {value for value in row.values() if value and len(value) >= 2}
    for model in LISTING_MODELS.values():
        for row in model.objects.filter(source="public").values("contact_phone", "contact_email"):
            found |= {value for value in row.values() if value}
    return found


@pytest.mark.parametrize("url", LISTS)
def test_every_list_has_demo_content(client, url):
    assert client.get(url).json()["items"] != []


def test_the_weather_has_a_warning_in_effect(client):
    places = client.get("/api/v1/weather/").json()["places"]
    assert any(place["warnings"] for place in places)


def test_the_requests_list_is_the_public_list(client):
    numbers = {item["tracking_number"] for item in walk(client, "/api/v1/requests/")}
    assert numbers == set(public.public_requests().values_list("tracking_number", flat=True))


def test_no_resident_contact_in_any_list_or_request(client):
    requests = walk(client, "/api/v1/requests/")
    bodies = [client.get(url).content.decode() for url in LISTS]
    bodies += [client.get(f"/api/v1/requests/{item['tracking_number']}/").content.decode() for item in requests]
    text = "\n".join(bodies)
    assert sorted(value for value in contacts() if value in text) == []
