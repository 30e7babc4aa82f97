"""Open311 lists come in bounded pages: OPEN311_PAGE_SIZE requests, newest first, ``page`` for more."""

import pytest

from townsquare.resident_requests import handling

pytestmark = pytest.mark.django_db
BASE = "/open311/v2/"


@pytest.fixture
def five(desk, settings):
    """Five public requests in the default window, with pages of three."""
    settings.OPEN311_PAGE_SIZE = 3
    numbers = []
    for number in range(5):
        request, _ = desk.file(title=f"第{number}条")
        handling.accept(request, None)
        numbers.append(request.tracking_number)
    return numbers


def numbers_of(response):
    assert response.status_code == 200, response.content.decode()
    return {item["service_request_id"] for item in response.json()}


def test_a_list_longer_than_a_page_returns_one_page(client, five):
    assert len(numbers_of(client.get(BASE + "requests.json"))) == 3


def test_the_second_page_returns_the_rest(client, five):
    first, second = (numbers_of(client.get(BASE + "requests.json", {"page": page})) for page in (1, 2))
    assert (len(second), first | second) == (2, set(five))


def test_the_link_header_names_the_next_page_with_the_same_filters(client, five):
    response = client.get(BASE + "requests.json", {"status": "open"})
    assert response["Link"] == '<http://testserver/open311/v2/requests.json?status=open&page=2>; rel="next"'


def test_a_page_past_the_end_is_an_empty_list(client, five):
    assert numbers_of(client.get(BASE + "requests.json", {"page": 9})) == set()


@pytest.mark.parametrize("page", ["0", "-1", "二", "1.5", "99999999999999999999"])
def test_a_bad_page_is_a_400_in_the_error_format(client, five, page):
    response = client.get(BASE + "requests.json", {"page": page})
    assert response.status_code == 400 and response.json()[0]["description"].startswith("page：页码")


def test_a_page_costs_the_same_queries_whatever_its_size(client, five, settings, django_assert_max_num_queries):
    client.get(BASE + "requests.json")  # the first answer also reads the units' public numbers (cached)
    settings.OPEN311_PAGE_SIZE = 100
    with django_assert_max_num_queries(2):
        assert len(numbers_of(client.get(BASE + "requests.json"))) == 5
