"""Drop-down fields on the public forms offer "请选择" and, left empty, ask the resident to choose."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_rental_layout_starts_with_a_chinese_empty_choice(client, county):
    html = client.get(reverse("listings:rentals_submit")).content.decode()
    select = re.search(r'<select name="layout".*?</select>', html, re.S).group(0)
    assert '<option value="" selected>请选择</option>' in select


def test_an_unchosen_layout_asks_to_choose(client, county):
    html = client.post(reverse("listings:rentals_submit"), {"title": "两室一厅"}).content.decode()
    assert "请选择户型。" in html
