"""PostgreSQL ranks like SQLite's bm25: a rare word of the query weighs more than a common one (IDF).

FTS5 keeps its word statistics itself; PostgreSQL reads them from ``TermStatistic``, which
``indexer.refresh_statistics`` copies from the index (after a rebuild, when the index has grown,
and by the periodic job). The ranking tests run on both back ends: both must give these results.
"""

import pytest
from django.db import connection

from townsquare.search import indexer
from townsquare.search.backends import backend
from townsquare.search.corpus import CorpusSource
from townsquare.search.models import TermStatistic, TermStatisticsState
from townsquare.search.query import Params, search

pytestmark = pytest.mark.django_db

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="PostgreSQL-only: SQLite's FTS5 keeps its own word statistics for bm25()",
)

SOURCE = CorpusSource("test.ranking", "news", "测试")
COMMON = 16  # items holding 通知


def _index(titles, start=0):
    pairs = [(start + i, indexer.Entry(title=title, url=f"/t/{start + i}/")) for i, title in enumerate(titles)]
    indexer.put_many(SOURCE, pairs)


@pytest.fixture
def corpus():
    # The rare word's item first: on a tie the later item (higher id) would come first.
    _index(["关于桥梁检修的安排", "关于假期值班的通知"])
    _index([f"第{n}期工作例会通知" for n in range(1, COMMON)], start=100)
    indexer.refresh_statistics()


def titles(q):
    return [hit.title for hit in search(Params(q=q), log=False).hits]


def test_item_with_the_rare_word_comes_before_the_one_with_the_common_word(corpus):
    """No item holds both words: of the items holding either, the one with the rarer word leads."""
    found = titles("桥梁 通知")
    assert found[0] == "关于桥梁检修的安排", f"{connection.vendor}: {found[:3]}"
    assert "关于假期值班的通知" in found


def test_a_query_of_one_word_ranks_as_before(corpus):
    assert titles("桥梁") == ["关于桥梁检修的安排"]


@postgres_only
def test_idf_weighs_the_rare_word_above_the_common_one(corpus):
    engine = backend()
    _state, weighted = engine.statistics("'桥梁' | '通知'")
    idf = dict(weighted)
    assert idf["'桥梁'"] > idf["'通知'"] > 0


@postgres_only
def test_statistics_count_the_items_holding_each_word(corpus):
    assert TermStatistic.objects.get(word="通知").documents == COMMON
    # A word of a single item is left out: it counts as that rare.
    assert not TermStatistic.objects.filter(word="桥梁").exists()
    state = TermStatisticsState.objects.get()
    assert state.documents == COMMON + 1
    assert state.average_words > 0


@postgres_only
def test_statistics_are_copied_again_once_the_index_has_grown(corpus):
    assert not indexer.statistics_stale()
    _index([f"第{n}期安全生产通知" for n in range(1, 6)], start=200)  # 5 new items of 17: more than 20 %
    assert indexer.statistics_stale()
    indexer.refresh_statistics_if_stale()
    assert TermStatistic.objects.get(word="通知").documents == COMMON + 5
    assert not indexer.statistics_stale()


@postgres_only
def test_without_statistics_the_search_still_ranks(corpus):
    TermStatisticsState.objects.all().delete()
    assert backend().statistics("'桥梁'") is None
    assert titles("桥梁") == ["关于桥梁检修的安排"]
    assert len(titles("桥梁 通知")) == 10  # plain ts_rank of the whole query


@postgres_only
def test_same_top_results_with_word_statistics(county):
    """The built-in set both back ends must agree on, once PostgreSQL ranks with its IDF."""
    from tests.search.test_backends import EXPECTED_TOP, MINI_CORPUS

    for factory, kind, fields in MINI_CORPUS:
        factory(parent=county.county.section(kind), **fields)
    indexer.refresh_statistics()
    assert TermStatisticsState.objects.get().documents > 0
    wrong = []
    for q, expected in EXPECTED_TOP:
        hits = search(Params(q=q), log=False).hits
        if not hits or hits[0].title != expected:
            wrong.append((q, [h.title for h in hits[:3]]))
    assert not wrong


def test_periodic_job_is_registered():
    from townsquare.core.scheduling import JOBS

    assert "search_term_statistics" in JOBS
