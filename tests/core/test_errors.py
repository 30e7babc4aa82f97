"""When something is missing or broken, residents get a plain Chinese page and nothing internal."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

LEAKS = [
    "Traceback",
    "SECRET_KEY",
    "settings.py",
    "DJANGO_SETTINGS_MODULE",
    "site-packages",
    "SECRET-DETAIL",
    "hunter2",
    "RuntimeError",
    "Exception",
]


def assert_leaks_nothing(html):
    for leak in LEAKS:
        assert leak not in html, f"the error page shows {leak!r}"


def test_a_missing_page_gets_a_friendly_chinese_404(client, county):
    response = client.get("/no-such-page/at-all/")

    assert response.status_code == 404
    html = response.content.decode()
    assert "没有找到这个页面" in html
    assert "12345" in html, "the hotline number should be offered"
    assert 'href="/"' in html
    assert_leaks_nothing(html)


def test_the_404_page_keeps_the_site_header_and_elder_mode(client, county):
    client.cookies["elder"] = "1"

    html = client.get("/no-such-page/").content.decode()

    assert 'class="elder' in html
    assert "示范县" in html


def test_a_missing_page_in_a_town_is_a_404_too(client, county):
    response = client.get(county.town_a.home.url + "no-such-column/")

    assert response.status_code == 404
    assert "没有找到这个页面" in response.content.decode()


def test_an_unknown_life_service_is_a_404(client, county):
    assert client.get("/life/weather/").status_code == 200
    assert client.get("/life/no-such-service/").status_code == 404


@pytest.mark.urls("tests.core.error_urls")
def test_a_failing_view_gets_the_500_page_that_leaks_nothing(county):
    client = Client(raise_request_exception=False)

    response = client.get("/test-broken/")

    assert response.status_code == 500
    html = response.content.decode()
    assert "抱歉，网站暂时出了点问题" in html
    assert "12345" in html
    assert_leaks_nothing(html)


@pytest.mark.urls("tests.core.error_urls")
def test_the_500_page_needs_no_database(county, django_assert_num_queries):
    client = Client(raise_request_exception=False)

    with django_assert_num_queries(0):
        response = client.get("/test-broken/")

    assert response.status_code == 500
