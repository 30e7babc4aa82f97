import pytest
from django.urls import reverse

from . import factories as f

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("kind", list(f.MAKERS))
def test_list_and_detail_render(client, county, kind):
    item = f.MAKERS[kind](town=county.town_a.unit)
    response = client.get(reverse(f"listings:{kind}_list"))
    assert response.status_code == 200
    assert item.title in response.content.decode()
    response = client.get(item.get_absolute_url())
    assert response.status_code == 200
    assert item.title in response.content.decode()


def test_other_pages_render(client, county):
    f.school()
    f.attraction()
    f.event()
    for name in ("index", "schools", "attractions", "calendar", "calendar_ics", "manage"):
        assert client.get(reverse(f"listings:{name}")).status_code == 200, name
    for kind in ("jobs", "rentals", "offers"):
        assert client.get(reverse(f"listings:{kind}_submit")).status_code == 200
