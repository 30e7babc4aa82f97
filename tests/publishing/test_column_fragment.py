"""A column's cards are kept as a fragment until a page in its scope or the clock changes them."""

import pytest
from django.utils import timezone

from tests.factories import NewsPageFactory, PublicityPageFactory

pytestmark = pytest.mark.django_db

BUILT = {"HTTP_COOKIE": "somebody=1"}  # passes by the page cache: the page is built from its fragments


def test_news_published_in_a_town_shows_in_the_county_column_at_once(client, county):
    county_news = county.county.section("news")
    client.get(county_news.url, **BUILT)
    NewsPageFactory(parent=county.town_a.section("news"), title="乙村修好了便民桥")
    assert "乙村修好了便民桥" in client.get(county_news.url, **BUILT).content.decode()


def test_a_second_page_of_the_list_is_its_own_fragment(client, county):
    column = county.town_a.section("news")
    for number in range(20):
        NewsPageFactory(parent=column, title=f"第{number}条动态")
    first = client.get(column.url, **BUILT).content.decode()
    second = client.get(column.url + "?page=2", **BUILT).content.decode()
    assert ("第19条动态" in first, "第19条动态" in second) == (True, False)


def test_a_kept_list_ends_when_a_listed_publicity_closes(client, county, time_machine):
    now = timezone.now()
    PublicityPageFactory(
        parent=county.town_a.section("publicity"),
        title="低保对象名单公示",
        period_starts=now - timezone.timedelta(days=1),
        period_ends=now + timezone.timedelta(hours=2),
    )
    column = county.town_a.section("publicity")
    before = client.get(column.url, **BUILT).content.decode()
    time_machine.move_to(now + timezone.timedelta(hours=3))
    after = client.get(column.url, **BUILT).content.decode()
    assert before != after


def test_a_unit_renamed_after_a_visit_is_named_on_its_column_at_once(client, county):
    column = county.town_a.section("notice")
    client.get(column.url, **BUILT)
    county.town_a.unit.name = county.town_a.unit.short_name = "青禾街道"
    county.town_a.unit.save()
    assert '<p class="eyebrow">青禾街道</p>' in client.get(column.url, **BUILT).content.decode()
