"""Every registered searchable type, and the same top results on both back ends (SQLite FTS5, PostgreSQL)."""

import pytest
from django.db import connection

from tests.factories import NewsPageFactory, NoticePageFactory, PolicyPageFactory, PublicityPageFactory
from townsquare.search.query import Params, search
from townsquare.search.sources import all_sources

pytestmark = pytest.mark.django_db


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
