"""robots.txt: crawlers leave out the admin, searches and pages of a resident's own data, and find the sitemap."""

import pytest


@pytest.fixture
def robots(client, db):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    return response.content.decode().splitlines()


@pytest.mark.parametrize("path", ["/admin/", "/django-admin/", "/search/", "/liuyan/query/", "/yuyue/b/"])
def test_private_paths_are_disallowed(robots, path):
    assert f"Disallow: {path}" in robots


def test_points_at_the_sitemap(robots):
    assert "Sitemap: http://testserver/sitemap.xml" in robots


def test_robots_is_plain_text(client, db):
    assert client.get("/robots.txt")["Content-Type"].startswith("text/plain")


def test_robots_answers_head_requests(client, db):
    assert client.head("/robots.txt").status_code == 200
