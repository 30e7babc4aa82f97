"""A rental's area reads as a person writes it: 78 平方米, decimals only when there are some."""

import pytest

from . import factories as f

pytestmark = pytest.mark.django_db


def test_whole_area_shows_without_decimals(client, county):
    rental = f.rental(area="78.0", town=county.town_a.unit)
    html = client.get(rental.get_absolute_url()).content.decode()
    assert '<span class="num">78</span> 平方米' in html
