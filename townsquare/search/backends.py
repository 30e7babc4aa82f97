"""The two full-text back ends behind one interface: SQLite FTS5 (embedded) and PostgreSQL (production).

Both store the same pre-segmented text (tokens joined by spaces) and receive the same query
tree from ``understanding.py``; each renders it in its own syntax and ranks with its own function,
multiplied by the item's authority boost and a freshness factor computed in SQL:

* SQLite: FTS5's bm25 with a title weight (it weighs each word by its rarity, IDF, itself);
* PostgreSQL: the same bm25 (same title weight, k1, b), each word's hits counted with ts_rank_cd
  and weighted by the word's IDF from ``TermStatistic`` (ts_rank alone has no IDF: a common word
  of a query would count as much as a rare one). The statistics are copied from ``ts_stat`` by
  ``indexer.refresh_statistics``; until the first copy, plain ts_rank of the whole query.
"""

import math
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection

DOCS = "sitesearch_searchdocument"


@dataclass(frozen=True)
class Term:
    text: str
    prefix: bool = False


@dataclass
class Filters:
    kinds: list = field(default_factory=list)
    unit_id: int | None = None
    date_from: object = None  # aware datetime, inclusive
    date_to: object = None  # aware datetime, exclusive
    exclude_ids: list = field(default_factory=list)
    exclude_kinds: list = field(default_factory=list)
    now: object = None


@dataclass(frozen=True)
class Statistics:
    """Of the whole index, as last copied (``TermStatisticsState``): items, and distinct words per item."""

    documents: int
    average_words: float


class Backend:
    vendor = ""
    table = "sitesearch_fts"
    needs_statistics = False  # whether the ranking reads TermStatistic (kept by indexer.refresh_statistics)
    # The query syntax: how words are joined (all of them, any of them).
    ALL = " AND "
    ANY = " OR "

    # --- writing ---------------------------------------------------------------------------------
    def replace(self, cursor, rows):
        """rows: (doc_id, title_tokens, body_tokens)."""
        raise NotImplementedError

    def delete(self, cursor, ids):
        raise NotImplementedError

    def clear(self, cursor):
        cursor.execute(f"DELETE FROM {self.table}")

    def refresh_statistics(self, cursor):
        """Copy the index's word statistics where the ranking needs them: (words, items, average length) or None."""
        return None

    # --- reading ---------------------------------------------------------------------------------
    def render(self, groups, any_group=False):
        """groups: [[(Term, ...), ...], ...] — AND of groups (OR when any_group), OR of alternatives, AND of terms."""
        rendered = [self._joined([self._all(alt) for alt in group], self.ANY) for group in groups]
        return (self.ANY if any_group else self.ALL).join(rendered)

    def _all(self, terms):
        return self._joined([self._term(t) for t in terms], self.ALL)

    @staticmethod
    def _joined(parts, operator):
        return parts[0] if len(parts) == 1 else "(" + operator.join(parts) + ")"

    def _term(self, term):
        """One word in the back end's query syntax."""
        raise NotImplementedError

    def _filters(self, filters):
        where, params = [], []
        if filters.kinds:
            where.append(f"d.kind IN ({', '.join(['%s'] * len(filters.kinds))})")
            params += list(filters.kinds)
        if filters.unit_id:
            where.append("d.unit_id = %s")
            params.append(filters.unit_id)
        if filters.date_from:
            where.append("d.date >= %s")
            params.append(self.adapt_datetime(filters.date_from))
        if filters.date_to:
            where.append("d.date < %s")
            params.append(self.adapt_datetime(filters.date_to))
        if filters.exclude_kinds:
            where.append(f"d.kind NOT IN ({', '.join(['%s'] * len(filters.exclude_kinds))})")
            params += list(filters.exclude_kinds)
        if filters.exclude_ids:
            where.append(f"d.id NOT IN ({', '.join(['%s'] * len(filters.exclude_ids))})")
            params += list(filters.exclude_ids)
        where.append("(d.expires_at IS NULL OR d.expires_at > %s)")
        params.append(self.adapt_datetime(filters.now))
        return where, params

    def adapt_datetime(self, value):
        return connection.ops.adapt_datetimefield_value(value)

    def search(self, match, filters, order="relevance", limit=10, offset=0):
        """[(doc_id, score)] for one page, best first."""
        raise NotImplementedError

    def count(self, match, filters):
        where, params = self._filters(filters)
        sql = f"SELECT count(*) {self._matching()} AND {' AND '.join(where)}"
        with connection.cursor() as cursor:
            cursor.execute(sql, [match, *params])
            return cursor.fetchone()[0]

    def _matching(self):
        """FROM the index joined to its items (as d) WHERE the item matches the rendered query (the one parameter)."""
        raise NotImplementedError


class SQLiteBackend(Backend):
    vendor = "sqlite"

    def replace(self, cursor, rows):
        if not rows:
            return
        self.delete(cursor, [row[0] for row in rows])
        cursor.executemany(f"INSERT INTO {self.table}(rowid, title, body) VALUES (%s, %s, %s)", rows)

    def delete(self, cursor, ids):
        ids = list(ids)
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            cursor.execute(f"DELETE FROM {self.table} WHERE rowid IN ({', '.join(['%s'] * len(chunk))})", chunk)

    def _term(self, term):
        return f'"{term.text}"' + ("*" if term.prefix else "")

    def _score(self):
        weight = float(settings.SEARCH_TITLE_WEIGHT)
        fresh = float(settings.SEARCH_FRESHNESS_WEIGHT)
        half = float(settings.SEARCH_FRESHNESS_HALF_LIFE_DAYS)
        # bm25() is negative (more negative = better); multiplying by boosts > 0 keeps that order.
        return (
            f"bm25({self.table}, {weight}, 1.0) * d.boost * "
            f"(1.0 + {fresh} / (1.0 + max(0.0, coalesce(julianday('now') - julianday(d.date), 36500.0)) / {half}))"
        )

    def search(self, match, filters, order="relevance", limit=10, offset=0):
        where, params = self._filters(filters)
        order_by = "score ASC, d.id DESC" if order == "relevance" else "d.date DESC, d.id DESC"
        sql = (
            f"SELECT d.id, {self._score()} AS score FROM {self.table} JOIN {DOCS} d ON d.id = {self.table}.rowid "
            f"WHERE {self.table} MATCH %s AND {' AND '.join(where)} ORDER BY {order_by} LIMIT %s OFFSET %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [match, *params, limit, offset])
            return [(row[0], -row[1]) for row in cursor.fetchall()]

    def _matching(self):
        return f"FROM {self.table} JOIN {DOCS} d ON d.id = {self.table}.rowid WHERE {self.table} MATCH %s"


class PostgresBackend(Backend):
    vendor = "postgresql"
    needs_statistics = True
    ALL = " & "
    ANY = " | "

    def replace(self, cursor, rows):
        if not rows:
            return
        cursor.executemany(
            f"INSERT INTO {self.table}(doc_id, title, body) VALUES (%s, %s, %s) "
            "ON CONFLICT (doc_id) DO UPDATE SET title = EXCLUDED.title, body = EXCLUDED.body",
            rows,
        )

    def delete(self, cursor, ids):
        ids = list(ids)
        if ids:
            cursor.execute(f"DELETE FROM {self.table} WHERE doc_id = ANY(%s)", [ids])

    def _term(self, term):
        return f"'{term.text}'" + (":*" if term.prefix else "")

    def adapt_datetime(self, value):
        return value

    def refresh_statistics(self, cursor):
        # One refresh at a time (the periodic job, a rebuild, a grown index): each replaces the whole table.
        cursor.execute("SELECT pg_advisory_xact_lock(hashtext('sitesearch_termstatistic'))")
        cursor.execute("DELETE FROM sitesearch_termstatistic")
        cursor.execute(
            "INSERT INTO sitesearch_termstatistic(word, documents) "
            f"SELECT word, ndoc FROM ts_stat('SELECT vector FROM {self.table}') WHERE ndoc >= 2"
        )
        words = cursor.rowcount
        cursor.execute(f"SELECT count(*), avg(length(vector)) FROM {self.table}")
        documents, average_words = cursor.fetchone()
        return words, documents, float(average_words or 0.0)

    def _weights(self):
        # Weights {D, C, B, A}: the body (B) counts 1/weight of the title (A); normalisation 1 = divide by log length.
        return f"'{{0.1, 0.1, {1.0 / float(settings.SEARCH_TITLE_WEIGHT):.6f}, 1.0}}'"

    def _boosts(self):
        fresh = float(settings.SEARCH_FRESHNESS_WEIGHT)
        half = float(settings.SEARCH_FRESHNESS_HALF_LIFE_DAYS)
        return (
            f"d.boost * (1.0 + {fresh} / (1.0 + GREATEST(0.0, COALESCE(EXTRACT(EPOCH FROM (now() - d.date)) / 86400.0,"
            f" 36500.0)) / {half}))"
        )

    _LEXEME = re.compile(r"'([^']+)'(:\*)?")
    BM25_K1 = 1.2
    BM25_B = 0.75

    def statistics(self, match):
        """(Statistics, [(tsquery of one word, its IDF)]) for a rendered query; None without statistics.

        IDF as in bm25: ln(1 + (N - n + 0.5) / (n + 0.5)), N items in the index, n holding the word
        (a word the statistics lack holds in one item: new since the last refresh, or that rare)."""
        words = {}
        for text, prefix in self._LEXEME.findall(match):
            words.setdefault((text, bool(prefix)), None)
        with connection.cursor() as cursor:
            # One query: the state row, and the count of each word the table holds.
            cursor.execute(
                "SELECT s.documents, s.average_words, t.word, t.documents FROM sitesearch_termstatisticsstate s "
                "LEFT JOIN sitesearch_termstatistic t ON t.word = ANY(%s) WHERE s.id = 1",
                [sorted({text for text, _ in words})],
            )
            rows = cursor.fetchall()
        if not rows or not rows[0][0]:
            return None
        state = Statistics(documents=rows[0][0], average_words=rows[0][1])
        counts = {row[2]: row[3] for row in rows if row[2] is not None}
        weighted = []
        for text, prefix in words:
            n = min(counts.get(text, 1), state.documents)
            idf = math.log(1.0 + (state.documents - n + 0.5) / (n + 0.5))
            weighted.append((f"'{text}'" + (":*" if prefix else ""), idf))
        return state, weighted

    def _score(self, statistics=None):
        """(score SQL, its parameters, a LATERAL join for it, that join's parameters).

        With statistics, bm25 as FTS5 computes it, so that both back ends rank alike: per word of the
        query, f = title weight · title hits + body hits (ts_rank_cd of the one word, without
        normalisation, is exactly Σ weight of each hit), then
        Σ IDF · f · (k1 + 1) / (f + k1 · (1 - b + b · length / average length)), the length being the
        item's distinct words (FTS5 counts its tokens). Without statistics: ts_rank of the whole query,
        normalised by log length."""
        if not statistics or not statistics[1]:
            return f"ts_rank({self._weights()}, f.vector, q, 1) * {self._boosts()}", [], "", []
        state, weighted = statistics
        k1, b = self.BM25_K1, self.BM25_B
        title_weight, weights = float(settings.SEARCH_TITLE_WEIGHT), self._weights()
        frequencies = ", ".join(
            f"{title_weight} * ts_rank_cd({weights}, f.vector, %s::tsquery, 0) AS f{i}" for i in range(len(weighted))
        )
        norm = f"{k1} * ({1 - b} + {b} * length(f.vector) / {max(state.average_words, 1.0)}) AS n"
        lateral = f"CROSS JOIN LATERAL (SELECT {frequencies}, {norm} OFFSET 0) t"
        parts = " + ".join(f"%s * t.f{i} / (t.f{i} + t.n)" for i in range(len(weighted)))
        return (
            f"({parts}) * {self._boosts()}",
            [idf * (k1 + 1) for _, idf in weighted],
            lateral,
            [word for word, _ in weighted],
        )

    def search(self, match, filters, order="relevance", limit=10, offset=0):
        where, params = self._filters(filters)
        order_by = "score DESC, d.id DESC" if order == "relevance" else "d.date DESC NULLS LAST, d.id DESC"
        score, score_params, lateral, lateral_params = self._score(
            self.statistics(match) if order == "relevance" else None
        )
        sql = (
            f"SELECT d.id, {score} AS score FROM {self.table} f JOIN {DOCS} d ON d.id = f.doc_id "
            f"CROSS JOIN to_tsquery('simple', %s) q {lateral} WHERE f.vector @@ q AND {' AND '.join(where)} "
            f"ORDER BY {order_by} LIMIT %s OFFSET %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*score_params, match, *lateral_params, *params, limit, offset])
            return [(row[0], float(row[1])) for row in cursor.fetchall()]

    def _matching(self):
        return f"FROM {self.table} f JOIN {DOCS} d ON d.id = f.doc_id WHERE f.vector @@ to_tsquery('simple', %s)"


BACKENDS = {"sqlite": SQLiteBackend(), "postgresql": PostgresBackend()}


def backend():
    try:
        return BACKENDS[connection.vendor]
    except KeyError as error:
        raise RuntimeError(f"站内搜索不支持数据库 {connection.vendor}（支持 SQLite 和 PostgreSQL）") from error
