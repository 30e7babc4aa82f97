"""The public statistics' figures and tables are kept as a fragment, and move as soon as a request does."""

from datetime import timedelta

import pytest

from townsquare.resident_requests import handling

from .stats_urls import PUBLIC_URL
from .test_statistics import NOW
from .test_statistics_views import at_now, text_of  # noqa: F401 (a fixture)

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.resident_requests.stats_urls")]
BUILT = {"HTTP_COOKIE": "somebody=1"}  # passes by the page cache: the page is built from its fragments


def test_a_request_answered_after_a_visit_shows_at_once(client, desk, at_now):  # noqa: F811
    request, _ = desk.file(now=NOW - timedelta(hours=2))
    client.get(PUBLIC_URL, {"unit": desk.roads.unit.slug}, **BUILT)
    handling.answer(request, "已修好。", desk.county.town_a.editor, now=NOW - timedelta(hours=1))
    html = client.get(PUBLIC_URL, {"unit": desk.roads.unit.slug}, **BUILT).content.decode()
    assert "100% 1/1" in text_of(html)
