"""我为政府网站找错: the footer links every page to a 留言 form with the 纠错 category and the page filled in."""

import re

import pytest

from townsquare.resident_requests.models import Category

pytestmark = pytest.mark.django_db


@pytest.fixture
def correction_category(county, settings):
    settings.REQUEST_CORRECTION_CATEGORY = "jiucuo"
    return Category.objects.create(
        code="jiucuo", name="网站纠错", unit=county.county.unit, routing_label="教育文体", keywords="纠错"
    )


def test_footer_links_to_the_correction_form_with_the_page(client, county, correction_category):
    html = client.get("/liuyan/").content.decode()
    footer = re.search(r'<footer class="site-footer">.*?</footer>', html, re.S).group(0)
    assert '<a href="/zhaocuo/?from=%2Fliuyan%2F">我为政府网站找错</a>' in footer


def test_correction_form_chooses_the_correction_category(client, county, correction_category):
    html = client.get("/zhaocuo/", {"from": "/xinwen/"}).content.decode()
    assert f'<option value="{correction_category.pk}" selected>' in html


def test_correction_form_names_the_page_the_resident_came_from(client, county, correction_category):
    html = client.get("/zhaocuo/", {"from": "/xinwen/"}).content.decode()
    assert "出错的页面：http://testserver/xinwen/" in html
