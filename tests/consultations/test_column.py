"""Every unit gets a 征求意见 column; a unit's column lists its own consultations only."""

import pytest

from townsquare.consultations.models import ConsultationIndexPage

from .factories import ConsultationPageFactory, index_of

pytestmark = pytest.mark.django_db


def test_every_provisioned_unit_has_one_column(county):
    homes = [county.home, county.town_a.home, county.town_b.home]
    assert [ConsultationIndexPage.objects.child_of(home).live().count() for home in homes] == [1, 1, 1]


def test_a_towns_column_lists_its_own_consultations_only(client, town_a, town_b):
    own = ConsultationPageFactory(parent=index_of(town_a))
    other = ConsultationPageFactory(parent=index_of(town_b))

    body = client.get(index_of(town_a).url).content.decode()

    assert own.title in body and other.title not in body


def test_the_county_list_filters_by_unit(client, town_a, town_b):
    own = ConsultationPageFactory(parent=index_of(town_a))
    other = ConsultationPageFactory(parent=index_of(town_b))

    body = client.get(f"/zhengqiu/?unit={town_a.unit.slug}").content.decode()

    assert own.title in body and other.title not in body
