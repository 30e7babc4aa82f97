"""Search shows, sorts and filters items by their own publication date, not by when they were indexed:
also when the demo dates what it published after publishing it (as its loaders do)."""

from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import Page

from tests.factories import NewsPageFactory
from townsquare.search.query import Params, search

pytestmark = pytest.mark.django_db


def _backdated_news(county, title, when):
    """A news page published now and then dated ``when`` without a publish signal, as the demo does."""
    page = NewsPageFactory(parent=county.county.section("news"), title=title)
    Page.objects.filter(pk=page.pk).update(first_published_at=when, last_published_at=when)
    return page


def _finish_demo_search():
    from townsquare.demo.loader import Tally
    from townsquare.demo.search import ensure_search

    ensure_search(None, timezone.now(), Tally())


def test_a_backdated_page_shows_its_own_date(county):
    published = timezone.now() - timedelta(days=3)
    _backdated_news(county, "租房也能提住房公积金", published)
    _finish_demo_search()
    assert search(Params(q="公积金"), log=False).hits[0].date == published


def test_sorting_by_time_follows_the_items_own_dates(county):
    NewsPageFactory(parent=county.county.section("news"), title="公积金贷款额度调整")
    _backdated_news(county, "租房也能提住房公积金", timezone.now() - timedelta(days=3))
    _finish_demo_search()
    titles = [hit.title for hit in search(Params(q="公积金", sort="time"), log=False).hits]
    assert titles == ["公积金贷款额度调整", "租房也能提住房公积金"]


def test_a_date_filter_uses_the_items_own_date(county):
    _backdated_news(county, "租房也能提住房公积金", timezone.now() - timedelta(days=10))
    _finish_demo_search()
    until = timezone.localdate() - timedelta(days=5)
    assert [hit.title for hit in search(Params(q="公积金", date_to=until), log=False).hits] == ["租房也能提住房公积金"]
