"""A published consultation (征求意见) is found by the words of its draft, not only of its title."""

import pytest

from tests.consultations.factories import ConsultationPageFactory, index_of

pytestmark = pytest.mark.django_db


def test_a_consultation_is_found_by_a_paragraph_of_its_draft(town_a, find):
    page = ConsultationPageFactory(parent=index_of(town_a))
    assert page.title in find("硬化路")
