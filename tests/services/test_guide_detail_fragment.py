"""A guide's detail is kept as a fragment until the guide, its rows or the booking windows change."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import publish
from tests.services.factories import ServiceGuideFactory, index_of
from townsquare.services.models import GuideMaterial

pytestmark = pytest.mark.django_db

BUILT = {"HTTP_COOKIE": "somebody=1"}  # passes by the page cache: the page is built from its fragments


def built(client, guide):
    return client.get(guide.url, **BUILT).content.decode()


def test_a_kept_guide_reads_none_of_its_rows(client, town_a):
    guide = ServiceGuideFactory(parent=index_of(town_a.home))
    built(client, guide)

    with CaptureQueriesContext(connection) as captured:
        built(client, guide)

    assert not [query for query in captured.captured_queries if "services_guidematerial" in query["sql"]]


def test_a_material_added_in_a_new_revision_shows_on_the_next_build(client, town_a):
    guide = ServiceGuideFactory(parent=index_of(town_a.home))
    built(client, guide)
    guide.materials.add(GuideMaterial(name="出生医学证明", originals=1, copies=1, source="医院开具"))

    publish(guide)

    assert "出生医学证明" in built(client, guide)
