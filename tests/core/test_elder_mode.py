"""长辈版: one switch, remembered in a cookie, on every page, and back again."""

import re

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db

COOKIE = "elder"


def body_classes(html):
    match = re.search(r'<body[^>]*class="([^"]*)"', html)
    assert match, "no <body class=...>"
    return match.group(1).split()


def test_switching_on_sets_the_cookie_for_a_year_and_returns_to_the_page(client):
    response = client.get("/elder/", {"on": "1", "next": "/qinghe/tongzhi/"})

    assert response.status_code == 302
    assert response["Location"] == "/qinghe/tongzhi/"
    cookie = response.cookies[COOKIE]
    assert cookie.value == "1"
    assert int(cookie["max-age"]) == 365 * 24 * 3600 == settings.ELDER_MODE_COOKIE_AGE
    assert cookie["samesite"] == "Lax"
    assert cookie["path"] == "/"


def test_switching_off_clears_the_cookie(client):
    client.cookies[COOKIE] = "1"

    response = client.get("/elder/", {"on": "0", "next": "/qinghe/"})

    assert response.status_code == 302
    assert response["Location"] == "/qinghe/"
    assert response.cookies[COOKIE].value == ""
    assert int(response.cookies[COOKIE]["max-age"]) == 0


def test_the_switch_works_as_a_form_post_too(client):
    response = client.post("/elder/", {"on": "1", "next": "/"})

    assert response.status_code == 302
    assert response.cookies[COOKIE].value == "1"


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example.com/",
        "//evil.example.com/",
        "http://evil.example.com/qinghe/",
        "javascript:alert(1)",
    ],
)
def test_an_off_site_next_is_refused(client, target):
    response = client.get("/elder/", {"on": "1", "next": target})

    assert response.status_code == 302
    assert response["Location"] == "/"


def test_without_next_it_goes_back_to_the_referring_page_on_this_site(client):
    response = client.get("/elder/", {"on": "1"}, HTTP_REFERER="http://testserver/qinghe/")

    assert response["Location"] == "http://testserver/qinghe/"


def test_a_foreign_referrer_is_not_followed(client):
    response = client.get("/elder/", {"on": "1"}, HTTP_REFERER="https://evil.example.com/")

    assert response["Location"] == "/"


def test_other_methods_are_not_allowed(client):
    assert client.put("/elder/").status_code == 405


def test_pages_get_the_elder_class_only_with_the_cookie(client, county):
    html = client.get(county.home.url).content.decode()
    assert "elder" not in body_classes(html)
    assert "长辈版" in html

    client.cookies[COOKIE] = "1"
    html = client.get(county.home.url).content.decode()
    assert "elder" in body_classes(html)
    assert "返回标准版" in html


def test_elder_mode_follows_the_resident_to_other_pages(client, county):
    client.get("/elder/", {"on": "1", "next": "/"})

    for url in (county.town_a.home.url, county.town_a.section("notice").url, "/life/weather/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert "elder" in body_classes(response.content.decode()), url

    client.get("/elder/", {"on": "0", "next": "/"})
    assert "elder" not in body_classes(client.get(county.town_a.home.url).content.decode())


def test_the_switch_link_brings_the_resident_back_to_the_same_page(client, county):
    url = county.town_a.section("notice").url
    html = client.get(url).content.decode()

    match = re.search(r'href="(/elder/\?on=1&(?:amp;)?next=[^"]+)"', html)
    assert match, "no 长辈版 link"
    link = match.group(1).replace("&amp;", "&")
    assert client.get(link)["Location"] == url
