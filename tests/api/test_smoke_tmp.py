import pytest

pytestmark = pytest.mark.django_db

URLS = ["/api/v1/pages/", "/api/v1/guides/", "/api/v1/listings/", "/api/v1/requests/", "/api/v1/units/",
        "/api/v1/weather/", "/api/v1/statistics/requests/", "/api/v1/statistics/disclosure/"]


def test_all(client, content):
    for url in URLS:
        r = client.get(url)
        print(url, r.status_code, r.content.decode()[:600])
    p = content.pages[3]
    for url in [f"/api/v1/pages/{p.pk}/", f"/api/v1/guides/{content.guides[0].pk}/",
                f"/api/v1/listings/rentals/{content.listings[1].pk}/", f"/api/v1/requests/{content.requests[0].tracking_number}/"]:
        r = client.get(url)
        print(url, r.status_code, r.content.decode()[:1500])
    assert False
