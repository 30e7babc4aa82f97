"""RSS/Atom files: every entry is an item of its own."""

import functools
from datetime import UTC, datetime

from .items import Parsed, WorkItem, identify, web_link
from .rejections import ItemError, Rejection


def _feed_datetime(entry):
    for name in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(name)
        if value:
            return datetime(*value[:6], tzinfo=UTC)
    return None


def _parse_entry(entry, account, path):
    title = " ".join((entry.get("title") or "").split())
    if not title:
        raise ItemError(Rejection.ENTRY_NO_TITLE)
    published_at = _feed_datetime(entry)
    if published_at is None:
        raise ItemError(Rejection.ENTRY_NO_DATE)
    body = entry.get("content", [{}])[0].get("value") if entry.get("content") else entry.get("summary", "")
    parsed = Parsed(
        title=title[:255],
        published_at=published_at,
        body=body or "",
        url=web_link(entry.get("link", "")),
        account_name=account[:80],
        base_dir=path.parent,
    )
    parsed.key = identify(parsed)
    return parsed


def parse_feed(data, path):
    """RSS/Atom → list of WorkItem (each entry parsed on its own)."""
    import feedparser

    feed = feedparser.parse(data)
    if not feed.entries:
        if feed.bozo:
            raise ItemError(Rejection.BROKEN_FEED, error=type(feed.bozo_exception).__name__)
        raise ItemError(Rejection.EMPTY_FEED)
    account = feed.feed.get("title", "")
    return [
        WorkItem(name=f"{path.name} 第{number}条", load=functools.partial(_parse_entry, entry, account, path))
        for number, entry in enumerate(feed.entries, start=1)
    ]
