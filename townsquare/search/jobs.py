"""Periodic work of search: keeping PostgreSQL's word statistics (its ranking's IDF) current."""

from datetime import timedelta

from townsquare.core.scheduling import periodic_job


@periodic_job("search_term_statistics", every=timedelta(hours=6), label="搜索词语统计更新")
def search_term_statistics():
    """Copy how many items hold each word (PostgreSQL only; SQLite's FTS5 keeps its own figures)."""
    from .backends import backend
    from .indexer import refresh_statistics

    if not backend().needs_statistics:
        return "SQLite 无需更新"
    words, documents = refresh_statistics()
    return f"{words} 个词，{documents} 条"
