"""CSV and JSON files (title, date, body, url): every row is an item of its own."""

import csv
import functools
import html
import io
import json
import re
from datetime import UTC, datetime, time

from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from .items import Parsed, WorkItem, decode_text, identify, web_link
from .rejections import ItemError, Rejection

COLUMN_NAMES = {
    "title": ("title", "标题"),
    "date": ("date", "日期", "发布时间", "published"),
    "body": ("body", "正文", "content"),
    "url": ("url", "链接", "原文链接", "link"),
}


def parse_when(value):
    """A date from a CSV/JSON row: ``2023-05-01``, ``2023-05-01 09:30``, ISO 8601, or Unix seconds."""
    if isinstance(value, (int, float)) or (isinstance(value, str) and value.strip().isdigit()):
        return datetime.fromtimestamp(int(value), tz=UTC)
    value = (value or "").strip().replace("/", "-")
    if not value:
        return None
    try:
        moment = parse_datetime(value.replace("T", " ")) or parse_datetime(value)
        if moment is None:
            day = parse_date(value)
            moment = datetime.combine(day, time(0, 0)) if day else None
    except ValueError:
        return None
    if moment is not None and timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def _column(row, name):
    for alias in COLUMN_NAMES[name]:
        if alias in row and row[alias] not in (None, ""):
            return row[alias]
    return ""


def _plain_to_html(text):
    if re.search(r"<[a-zA-Z][^>]*>", text):
        return text
    return "".join(f"<p>{html.escape(line.strip())}</p>" for line in text.splitlines() if line.strip())


def _parse_row(row, path):
    if not isinstance(row, dict):
        raise ItemError(Rejection.ROW_NOT_OBJECT)
    title = " ".join(str(_column(row, "title")).split())
    if not title:
        raise ItemError(Rejection.ROW_NO_TITLE)
    raw_date = _column(row, "date")
    published_at = parse_when(raw_date)
    if published_at is None:
        raise ItemError(Rejection.ROW_BAD_DATE, value=str(raw_date)[:40] or "空")
    parsed = Parsed(
        title=title[:255],
        published_at=published_at,
        body=_plain_to_html(str(_column(row, "body"))),
        url=web_link(str(_column(row, "url")).strip()),
        base_dir=path.parent,
    )
    parsed.key = identify(parsed)
    return parsed


def _json_rows(data):
    try:
        rows = json.loads(decode_text(data))
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise ItemError(Rejection.BROKEN_JSON, error=error) from None
    if isinstance(rows, dict):
        rows = rows.get("items")
    if not isinstance(rows, list):
        raise ItemError(Rejection.JSON_NOT_LIST)
    return rows


def _csv_rows(data):
    text = decode_text(data)
    try:
        rows = list(csv.DictReader(io.StringIO(text)))
    except csv.Error as error:
        raise ItemError(Rejection.BROKEN_CSV, error=error) from None
    if not rows:
        raise ItemError(Rejection.EMPTY_CSV)
    return rows


def parse_table(data, path):
    """A CSV or JSON file → list of WorkItem (each row parsed on its own)."""
    rows = _json_rows(data) if path.suffix.lower() == ".json" else _csv_rows(data)
    return [
        WorkItem(name=f"{path.name} 第{number}条", load=functools.partial(_parse_row, row, path))
        for number, row in enumerate(rows, start=1)
    ]
