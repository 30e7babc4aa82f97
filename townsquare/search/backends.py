"""The two full-text back ends behind one interface: SQLite FTS5 (embedded) and PostgreSQL (production).

Both store the same pre-segmented text (tokens joined by spaces) and receive the same query
tree from ``query.py``; each renders it in its own syntax and ranks with its own function
(FTS5's bm25 with a title weight; PostgreSQL's ts_rank with the same weight ratio), multiplied
by the item's authority boost and a freshness factor computed in SQL.
"""

from dataclasses import dataclass, field

from django.db import connection

from . import conf

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


class Backend:
    vendor = ""

    # --- writing ---------------------------------------------------------------------------------
    def replace(self, cursor, rows):
        """rows: (doc_id, title_tokens, body_tokens)."""
        raise NotImplementedError

    def delete(self, cursor, ids):
        raise NotImplementedError

    def clear(self, cursor):
        cursor.execute(f"DELETE FROM {self.table}")

    table = "sitesearch_fts"

    # --- reading ---------------------------------------------------------------------------------
    def render(self, groups, any_group=False):
        """groups: [[(Term, ...), ...], ...] — AND of groups (OR when any_group), OR of alternatives, AND of terms."""
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

    def render(self, groups, any_group=False):
        rendered = []
        for group in groups:
            alternatives = []
            for alt in group:
                parts = [self._term(t) for t in alt]
                alternatives.append(parts[0] if len(parts) == 1 else "(" + " AND ".join(parts) + ")")
            rendered.append(alternatives[0] if len(alternatives) == 1 else "(" + " OR ".join(alternatives) + ")")
        return (" OR " if any_group else " AND ").join(rendered)

    def _score(self):
        weight = float(conf.get("SEARCH_TITLE_WEIGHT"))
        fresh = float(conf.get("SEARCH_FRESHNESS_WEIGHT"))
        half = float(conf.get("SEARCH_FRESHNESS_HALF_LIFE_DAYS"))
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

    def count(self, match, filters):
        where, params = self._filters(filters)
        sql = (
            f"SELECT count(*) FROM {self.table} JOIN {DOCS} d ON d.id = {self.table}.rowid "
            f"WHERE {self.table} MATCH %s AND {' AND '.join(where)}"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [match, *params])
            return cursor.fetchone()[0]


class PostgresBackend(Backend):
    vendor = "postgresql"

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

    def render(self, groups, any_group=False):
        rendered = []
        for group in groups:
            alternatives = []
            for alt in group:
                parts = [self._term(t) for t in alt]
                alternatives.append(parts[0] if len(parts) == 1 else "(" + " & ".join(parts) + ")")
            rendered.append(alternatives[0] if len(alternatives) == 1 else "(" + " | ".join(alternatives) + ")")
        return (" | " if any_group else " & ").join(rendered)

    def adapt_datetime(self, value):
        return value

    def _score(self):
        weight = float(conf.get("SEARCH_TITLE_WEIGHT"))
        fresh = float(conf.get("SEARCH_FRESHNESS_WEIGHT"))
        half = float(conf.get("SEARCH_FRESHNESS_HALF_LIFE_DAYS"))
        # Weights {D, C, B, A}: the body (B) counts 1/weight of the title (A); normalisation 1 = divide by log length.
        return (
            f"ts_rank('{{0.1, 0.1, {1.0 / weight:.6f}, 1.0}}', f.vector, q, 1) * d.boost * "
            f"(1.0 + {fresh} / (1.0 + GREATEST(0.0, COALESCE(EXTRACT(EPOCH FROM (now() - d.date)) / 86400.0, 36500.0))"
            f" / {half}))"
        )

    def search(self, match, filters, order="relevance", limit=10, offset=0):
        where, params = self._filters(filters)
        order_by = "score DESC, d.id DESC" if order == "relevance" else "d.date DESC NULLS LAST, d.id DESC"
        sql = (
            f"SELECT d.id, {self._score()} AS score FROM {self.table} f JOIN {DOCS} d ON d.id = f.doc_id, "
            f"to_tsquery('simple', %s) q WHERE f.vector @@ q AND {' AND '.join(where)} "
            f"ORDER BY {order_by} LIMIT %s OFFSET %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [match, *params, limit, offset])
            return [(row[0], float(row[1])) for row in cursor.fetchall()]

    def count(self, match, filters):
        where, params = self._filters(filters)
        sql = (
            f"SELECT count(*) FROM {self.table} f JOIN {DOCS} d ON d.id = f.doc_id "
            f"WHERE f.vector @@ to_tsquery('simple', %s) AND {' AND '.join(where)}"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [match, *params])
            return cursor.fetchone()[0]


BACKENDS = {"sqlite": SQLiteBackend(), "postgresql": PostgresBackend()}


def backend():
    try:
        return BACKENDS[connection.vendor]
    except KeyError as error:
        raise RuntimeError(f"站内搜索不支持数据库 {connection.vendor}（支持 SQLite 和 PostgreSQL）") from error
