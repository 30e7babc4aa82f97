"""The finder's results are kept as a fragment until a guide is published or withdrawn."""

import pytest

from .factories import ServiceGuideFactory, index_of

pytestmark = pytest.mark.django_db
BUILT = {"HTTP_COOKIE": "somebody=1"}  # passes by the page cache: the page is built from its fragments


def test_a_guide_published_after_a_visit_shows_in_the_finder(client, county, town_a):
    client.get("/banshi/", **BUILT)
    ServiceGuideFactory(parent=index_of(town_a.home), title="老年优待证办理")
    assert "老年优待证办理" in client.get("/banshi/", **BUILT).content.decode()


def test_a_withdrawn_guide_leaves_the_finder(client, county, town_a):
    guide = ServiceGuideFactory(parent=index_of(town_a.home), title="残疾人证补办")
    client.get("/banshi/", **BUILT)
    guide.unpublish()
    assert "残疾人证补办" not in client.get("/banshi/", **BUILT).content.decode()
