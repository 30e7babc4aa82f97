"""Optional fields of the public listing forms carry "（选填）" once, photos included."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_rental_photos_are_marked_optional_once(client, county):
    html = client.get(reverse("listings:rentals_submit")).content.decode()
    assert '<label class="field-label" for="id_photos">照片（选填）</label>' in html
