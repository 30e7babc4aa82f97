"""Residents find a unit's 政府信息公开 from its home page, among its columns."""

import pytest

from .factories import section_of

pytestmark = pytest.mark.django_db


def test_a_town_home_links_to_its_disclosure_section(client, county):
    html = client.get(county.town_a.home.url).content.decode()
    assert f'href="{section_of(county.town_a).url}"' in html


def test_the_county_home_links_to_its_disclosure_section(client, county):
    html = client.get(county.county.home.url).content.decode()
    assert f'href="{section_of(county.county).url}"' in html
