"""Public pages cost a fixed number of queries however long their lists are.

Each page is rendered once to warm up (image renditions are created on first view), then
measured with an empty cache (the header data is rebuilt, the worst case) first with 3 and
then with 30 items in each list it shows. The count must be the same and within the bound.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.helpers import clear_caches
from townsquare.publishing.models import SectionPage, UnitHomePage, UpdateRecord

from ..factories import (
    ImageFactory,
    InterpretationPageFactory,
    NewsPageFactory,
    NoticePageFactory,
    PolicyPageFactory,
    PublicityPageFactory,
    TopicPageFactory,
    UnitFactory,
)

# Bounds, with the counts measured when they were set (SQLite, cold cache) in the comments.
# A warm cache saves the site and header queries (the county home then takes 8-10).
MAX_QUERIES = {
    "county home": 18,  # 17: the columns other apps put under a home (办事指南, 政府信息公开) are one more
    "town home": 20,  # 17
    "section": 20,  # 15-18 depending on the kind
    "county column": 22,  # 19: the whole county's items, the units that have some, the unit filter
    "news": 22,  # 19
    "notice": 22,  # 19
    "publicity": 22,  # 19
    "policy": 22,  # 18
    "interpretation": 22,  # 16
    "topic": 22,  # 19
}


def queries_for(client, url):
    client.get(url)  # warm-up: renditions and other first-view work
    clear_caches()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, f"{url}: {response.status_code}"
    return len(captured), [query["sql"] for query in captured.captured_queries]


def assert_bounded_and_flat(name, client, url, add_items):
    """Measure ``url`` with 3 items per list, add 27 more, measure again."""
    add_items(3)
    few, _ = queries_for(client, url)
    add_items(27)
    many, sql = queries_for(client, url)

    print(f"{name}: {few} queries with 3 items, {many} with 30")
    assert many == few, f"{name}: {few} queries with 3 items but {many} with 30:\n" + "\n".join(sql)
    assert many <= MAX_QUERIES[name], f"{name}: {many} queries (bound {MAX_QUERIES[name]}):\n" + "\n".join(sql)


@pytest.fixture
def fill_home(county):
    """News with pictures, current notices and open publicity from the county and both towns."""

    def add(n):
        places = [county.county, county.town_a, county.town_b]
        for i in range(n):
            place = places[i % 3]
            NewsPageFactory(parent=place.section("news"), cover_image=ImageFactory())
            NoticePageFactory(parent=place.section("notice"))
            PublicityPageFactory(parent=place.section("publicity"))

    return add


def test_county_home(client, county, fill_home):
    assert_bounded_and_flat("county home", client, county.home.url, fill_home)


def test_town_home(client, county, fill_home):
    assert_bounded_and_flat("town home", client, county.town_a.home.url, fill_home)


@pytest.mark.parametrize("kind", ["news", "notice", "publicity"])
def test_town_section(client, town_a, kind):
    section = town_a.section(kind)
    factory = {"news": NewsPageFactory, "notice": NoticePageFactory, "publicity": PublicityPageFactory}[kind]

    def add(n):
        for _ in range(n):
            extra = {"cover_image": ImageFactory()} if kind == "news" else {}
            factory(parent=section, **extra)

    assert_bounded_and_flat("section", client, section.url, add)


@pytest.mark.parametrize("kind", ["news", "notice", "publicity"])
@pytest.mark.parametrize("unit", ["", "qinghe"])
def test_county_column_listing_the_whole_county(client, county, fill_home, kind, unit):
    url = county.county.section(kind).url + (f"?unit={unit}" if unit else "")
    assert_bounded_and_flat("county column", client, url, fill_home)


def test_county_column_with_more_units(client, county):
    """The county's 通知公告 costs the same with 3 or 30 units that have notices."""

    def add_units(n):
        for _ in range(n):
            unit = UnitFactory(parent=county.county.unit)
            home = county.home.add_child(instance=UnitHomePage(title=unit.name, slug=unit.slug, unit=unit))
            column = home.add_child(instance=SectionPage(title="通知公告", slug="tongzhi", kind="notice"))
            NoticePageFactory(parent=column)

    assert_bounded_and_flat("county column", client, county.county.section("notice").url, add_units)


@pytest.mark.parametrize("kind", ["policy", "interpretation", "topic"])
def test_county_section(client, county, kind):
    section = county.county.section(kind)
    policy = PolicyPageFactory(parent=county.county.section("policy"), title="被解读的文件")

    def add(n):
        for _ in range(n):
            if kind == "policy":
                PolicyPageFactory(parent=section)
            elif kind == "interpretation":
                InterpretationPageFactory(parent=section, policy=policy)
            else:
                TopicPageFactory(parent=section, cover_image=ImageFactory())

    assert_bounded_and_flat("section", client, section.url, add)


def _with_history(page):
    """Add update records (the public history list) to ``page``."""

    def add(n):
        from django.utils import timezone

        UpdateRecord.objects.bulk_create(
            UpdateRecord(page_id=page.pk, noted_at=timezone.now(), note=f"第{i}次更新") for i in range(n)
        )

    return add


@pytest.mark.parametrize(
    "name, factory, kind",
    [
        ("news", NewsPageFactory, "news"),
        ("notice", NoticePageFactory, "notice"),
        ("publicity", PublicityPageFactory, "publicity"),
    ],
)
def test_article_pages_with_their_update_history(client, town_a, name, factory, kind):
    page = factory(parent=town_a.section(kind), cover_image=ImageFactory())

    assert_bounded_and_flat(name, client, page.url, _with_history(page))


def test_policy_page_with_its_interpretations(client, county):
    policy = PolicyPageFactory(parent=county.county.section("policy"))
    replacement = PolicyPageFactory(parent=county.county.section("policy"))
    policy.validity = "repealed"
    policy.replaced_by = replacement
    policy.save_revision().publish()

    def add(n):
        for _ in range(n):
            InterpretationPageFactory(parent=county.county.section("interpretation"), policy=policy)
        _with_history(policy)(n)

    assert_bounded_and_flat("policy", client, policy.url, add)


def test_interpretation_page(client, county):
    policy = PolicyPageFactory(parent=county.county.section("policy"))
    page = InterpretationPageFactory(parent=county.county.section("interpretation"), policy=policy)

    assert_bounded_and_flat("interpretation", client, page.url, _with_history(page))


def test_topic_page_with_its_gathered_pages(client, county, town_a):
    topic = TopicPageFactory(parent=county.county.section("topic"))

    def add(n):
        from townsquare.publishing.models import TopicItem

        start = topic.items.count()
        for i in range(start, start + n):
            if i % 2:
                page, group = PolicyPageFactory(parent=county.county.section("policy")), "政策"
            else:
                page, group = NewsPageFactory(parent=town_a.section("news"), cover_image=ImageFactory()), "动态"
            TopicItem.objects.create(topic=topic, page=page, group=group, sort_order=i)

    assert_bounded_and_flat("topic", client, topic.url, add)
