"""The home pages' life-service grid is kept as a fragment: a tile's live hint still changes at once."""

import pytest

from tests.listings import factories as listings

pytestmark = pytest.mark.django_db
BUILT = {"HTTP_COOKIE": "somebody=1"}  # passes by the page cache: the page is built from its fragments


def test_a_job_posted_after_a_visit_shows_in_the_town_home_grid_at_once(client, county):
    listings.job(title="超市收银员")
    client.get(county.town_a.home.url, **BUILT)
    listings.job(title="仓库搬运工")
    assert "最新：仓库搬运工" in client.get(county.town_a.home.url, **BUILT).content.decode()
