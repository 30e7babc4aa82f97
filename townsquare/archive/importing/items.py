"""What one item is (parsed, waiting, done) and how it is known again on a later import."""

import hashlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import lxml.html
from lxml import etree

from ..models import ArchivePage, ImportRunItem
from .rejections import ItemError, Rejection


@dataclass
class Parsed:
    title: str
    published_at: datetime
    body: object  # an lxml element or an HTML string, not yet sanitised
    url: str = ""
    account_name: str = ""
    summary: str = ""
    key: str = ""
    base_dir: Path | None = None  # where relative image paths are looked up


@dataclass
class WorkItem:
    name: str
    load: object = None  # callable returning Parsed, raising ItemError
    error: ItemError | None = None  # set when the item is known bad before parsing (e.g. a rejected zip entry)


@dataclass
class Outcome:
    outcome: str
    reason: str = ""
    rejection: Rejection | None = None
    page: ArchivePage | None = None
    key: str = ""
    title: str = ""
    images: int = 0
    missing_images: int = 0

    @classmethod
    def refused(cls, error, parsed=None, outcome=ImportRunItem.Outcome.FAILED):
        """The outcome of an item refused with ``error`` (an ItemError)."""
        key, title = (parsed.key, parsed.title) if parsed is not None else ("", "")
        return cls(outcome, str(error), error.rejection, key=key, title=title)


def decode_text(data):
    """Bytes of a page, feed or table as text (UTF-8, else GBK as Chinese Windows saves it)."""
    if b"\x00" in data[:8192]:
        raise ItemError(Rejection.BINARY)
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ItemError(Rejection.UNKNOWN_ENCODING)


def wechat_key(url):
    """``wx:biz:mid:idx`` from an article link, else None."""
    if not url:
        return None
    query = parse_qs(urlsplit(url).query)
    biz, mid, idx = (query.get(name, [""])[0] for name in ("__biz", "mid", "idx"))
    if biz and mid and idx:
        return f"wx:{biz}:{mid}:{idx}"
    return None


def url_key(url):
    parts = urlsplit(url.strip())
    if not parts.scheme or not parts.netloc:
        return None
    return f"url:{parts.netloc.lower()}{parts.path}{'?' + parts.query if parts.query else ''}"[:255]


def content_key(title, text):
    digest = hashlib.sha1(f"{title.strip()}\n{' '.join(text.split())}".encode()).hexdigest()
    return f"sha1:{digest}"


def body_text(body):
    if isinstance(body, str):
        try:
            return lxml.html.fragment_fromstring(body, create_parent="div").text_content()
        except (etree.ParserError, ValueError):
            return body
    return body.text_content()


def identify(parsed, *, wx_ids=None):
    """The item's key: its WeChat ids, else its link, else a hash of its title and text."""
    key = None
    if wx_ids and all(wx_ids):
        key = "wx:" + ":".join(wx_ids)
    key = key or wechat_key(parsed.url) or (url_key(parsed.url) if parsed.url else None)
    return key or content_key(parsed.title, body_text(parsed.body))


def web_link(url):
    """The link if it is a web address, else "" (a saved page may carry ``javascript:`` or nothing)."""
    return url if url.startswith(("http://", "https://")) else ""
