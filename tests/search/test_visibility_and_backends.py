"""What must never be found, every registered type, and the same top results on both back ends."""

import datetime

import pytest
from django.db import connection
from django.utils import timezone
from wagtail.models import PageViewRestriction

from tests.factories import NewsPageFactory, NoticePageFactory, PolicyPageFactory, PublicityPageFactory
from townsquare.search.models import SearchDocument
from townsquare.search.query import Params, search
from townsquare.search.sources import all_sources

pytestmark = pytest.mark.django_db


def test_page_behind_a_restriction_is_not_found(county, find):
    section = county.town_a.section("news")
    NewsPageFactory(parent=section, title="内部培训安排")
    assert find("内部培训") == ["内部培训安排"]
    PageViewRestriction.objects.create(page=section, restriction_type=PageViewRestriction.LOGIN)
    assert find("内部培训") == []
    PageViewRestriction.objects.filter(page=section).delete()
    assert find("内部培训") == ["内部培训安排"]


def test_page_past_its_expiry_is_not_found_even_before_the_scheduler_runs(county, find):
    page = NewsPageFactory(parent=county.county.section("news"), title="限时征求意见")
    SearchDocument.objects.filter(object_id=str(page.pk)).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    assert find("征求意见") == []


def test_moved_page_gets_its_new_address(county):
    page = NewsPageFactory(parent=county.town_a.section("news"), title="秋收农机调度")
    page.move(county.town_b.section("news"), pos="last-child")
    hit = search(Params(q="农机调度"), log=False).hits[0]
    assert hit.url.startswith(county.town_b.section("news").url)


def test_every_page_type_and_requests_and_guides_are_registered():
    keys = {source.key for source in all_sources()}
    assert {
        "publishing.newspage",
        "publishing.noticepage",
        "publishing.publicitypage",
        "publishing.policypage",
        "publishing.interpretationpage",
        "publishing.topicpage",
        "resident_requests.residentrequest",
    } <= keys
    assert "services.serviceguidepage" in keys


MINI_CORPUS = [
    (PolicyPageFactory, "policy", {"title": "示范县城乡居民医疗保险实施办法", "document_number": "示政发〔2025〕3号"}),
    (PolicyPageFactory, "policy", {"title": "示范县住房公积金缴存管理办法", "document_number": "示政办发〔2024〕7号"}),
    (
        PolicyPageFactory,
        "policy",
        {"title": "示范县最低生活保障审核确认办法", "document_number": "示民发〔2023〕2号", "validity": "repealed"},
    ),
    (
        PolicyPageFactory,
        "policy",
        {"title": "示范县最低生活保障审核确认办法（修订）", "document_number": "示民发〔2026〕1号"},
    ),
    (NewsPageFactory, "news", {"title": "青禾镇开展医保政策进村入户宣传"}),
    (NewsPageFactory, "news", {"title": "石桥镇完成老旧小区电梯加装"}),
    (NoticePageFactory, "notice", {"title": "关于社会保险费集中缴纳的通知"}),
    (PublicityPageFactory, "publicity", {"title": "2026年第一批低保对象公示"}),
]
EXPECTED_TOP = [
    ("医疗保险 实施办法", "示范县城乡居民医疗保险实施办法"),
    ("公积金缴存", "示范县住房公积金缴存管理办法"),
    ("gongjijin", "示范县住房公积金缴存管理办法"),
    ("示政办发[2024]7号", "示范县住房公积金缴存管理办法"),
    ("示政发2025 3", "示范县城乡居民医疗保险实施办法"),
    ("最低生活保障审核确认", "示范县最低生活保障审核确认办法（修订）"),
    ("电梯加装", "石桥镇完成老旧小区电梯加装"),
    ("社保费 缴纳", "关于社会保险费集中缴纳的通知"),
    ("低保对象公示", "2026年第一批低保对象公示"),
    ("sb 集中缴纳", "关于社会保险费集中缴纳的通知"),
    ("电悌加装", "石桥镇完成老旧小区电梯加装"),
]


def test_same_top_results_on_this_backend(county):
    """Run on SQLite and on PostgreSQL (DATABASE_URL=postgres://…): both must give these top results."""
    for factory, kind, fields in MINI_CORPUS:
        factory(parent=county.county.section(kind), **fields)
    wrong = []
    for q, expected in EXPECTED_TOP:
        hits = search(Params(q=q), log=False).hits
        if not hits or hits[0].title != expected:
            wrong.append((q, [h.title for h in hits[:3]]))
    assert not wrong, f"{connection.vendor}: {wrong}"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL-only: the tsvector table and its GIN index")
def test_postgres_table_has_gin_index():
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE tablename = 'sitesearch_fts'")
        assert any("gin" in row[0].lower() for row in cursor.fetchall())


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite-only: the FTS5 virtual table")
def test_sqlite_table_is_fts5_with_unicode61():
    with connection.cursor() as cursor:
        cursor.execute("SELECT sql FROM sqlite_master WHERE name = 'sitesearch_fts'")
        sql = cursor.fetchone()[0].lower()
    assert "fts5" in sql and "unicode61" in sql
