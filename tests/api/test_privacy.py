"""Residents' phones, e-mail addresses, ID numbers and names never leave the API; masked as on the website."""

import pytest

from townsquare.resident_requests import public

from .conftest import SECRETS, get_json, walk
from .test_contract import LISTS, details

pytestmark = pytest.mark.django_db


def everything(client, content):
    bodies = [client.get(url).content.decode() for url in (*LISTS, *details(content))]
    bodies += [client.get("/api/v1/listings/", {"q": "房"}).content.decode()]
    return "\n".join(bodies)


def test_no_personal_data_in_any_answer(client, content):
    text = everything(client, content)
    assert [secret for secret in SECRETS if secret in text] == []


def test_a_request_reads_as_on_the_public_page(client, content):
    request = content.requests[0]
    data = get_json(client, f"/api/v1/requests/{request.tracking_number}/")
    shown = public.Shown(public.public_request(request.tracking_number))
    assert (data["title"], data["details"], data["reply"]) == (shown.title, shown.details, shown.reply)


def test_a_request_not_yet_accepted_is_not_listed(client, content):
    from townsquare.resident_requests import handling

    waiting, _ = handling.submit(
        {
            "request_type": "consult",
            "category": content.category,
            "title": "还没受理",
            "details": "内容",
            "contact_phone": "13900002222",
        }
    )
    numbers = {item["tracking_number"] for item in walk(client, "/api/v1/requests/")}
    assert waiting.tracking_number not in numbers


def test_a_private_request_is_a_404(client, content):
    from townsquare.resident_requests import handling

    private, _ = handling.submit(
        {
            "request_type": "consult",
            "category": content.category,
            "title": "不公开的",
            "details": "内容",
            "contact_phone": "13900003333",
            "is_public": False,
        }
    )
    handling.accept(private, content.county.town_a.editor)
    assert client.get(f"/api/v1/requests/{private.tracking_number}/").status_code == 404


def test_a_search_for_a_phone_number_finds_nothing(client, content):
    data = get_json(client, "/api/v1/requests/", q="13912345678")
    assert data["items"] == []


def test_a_listing_never_carries_its_contact(client, content):
    rental = next(item for item in content.listings if item.kind == "rentals")
    data = get_json(client, f"/api/v1/listings/rentals/{rental.pk}/")
    assert not {"contact_name", "contact_phone", "contact_email"} & set(data)
