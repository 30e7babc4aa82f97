"""Periodic work of search: keeping PostgreSQL's word statistics (its ranking's IDF) current, forgetting
old records of who searched, writing the buffered query log."""

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


@periodic_job("search_forget_sightings", every=timedelta(days=1), label="搜索来源记录清理")
def search_forget_sightings():
    """Drop who-searched records older than the report window (suggestions never look further back)."""
    from .querylog import forget_old_sightings

    return f"清理 {forget_old_sightings()} 条"


@periodic_job("search_flush_log", every=timedelta(minutes=1), label="搜索记录写入")
def search_flush_log():
    """Write the searches waiting in the buffer (all processes' with Redis; else this process's own)."""
    from .querylog import flush_queries

    return f"写入 {flush_queries()} 次搜索"
