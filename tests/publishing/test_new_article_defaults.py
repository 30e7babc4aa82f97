"""An admin page with a Chinese title and no slug or 发布单位: a short ASCII slug and its column's unit."""

import re

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, querydict_from_html, streamfield

from tests.helpers import login
from townsquare.publishing.models import NewsPage

pytestmark = pytest.mark.django_db

TITLE = "青禾镇开展冬季森林防火宣传活动，进村入户发放宣传资料一千余份，提醒群众文明祭祀"


def create_in_admin(client, place):
    login(client, place.editor)
    url = reverse("wagtailadmin_pages:add", args=["publishing", "newspage", place.section("news").pk])
    html = client.get(url).content.decode()
    data = querydict_from_html(html, form_id="page-edit-form")
    data.update(nested_form_data({"body": streamfield([]), "comments": inline_formset([])}))
    data["title"] = TITLE
    data["slug"] = ""
    response = client.post(url, data)
    assert response.status_code == 302, re.findall(r"error-message[^>]*>\s*<p>([^<]+)<", response.content.decode())
    return NewsPage.objects.get(title=TITLE)


def test_admin_page_with_chinese_title_gets_a_short_ascii_slug(client, county):
    page = create_in_admin(client, county.town_a)
    assert re.fullmatch(r"[a-z0-9-]{1,60}", page.slug), page.slug


def test_admin_page_without_unit_gets_its_columns_unit(client, county):
    page = create_in_admin(client, county.town_a)
    assert page.unit == county.town_a.unit


def test_a_published_page_made_without_unit_shows_its_columns_unit(client, county):
    page = create_in_admin(client, county.town_a)
    page.get_latest_revision().publish()

    html = client.get(NewsPage.objects.get(pk=page.pk).url).content.decode()
    seen = re.sub(r'<span class="visually-hidden">[^<]*</span>', "", html)  # what sighted readers see

    assert f"发布单位：{county.town_a.unit.name}" in re.sub(r"<[^>]+>|\s", "", seen)
