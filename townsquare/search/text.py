"""Plain text out of what editors write: rich text, StreamField blocks, lists."""

import html

from django.utils.html import strip_tags
from wagtail.blocks.list_block import ListValue
from wagtail.blocks.stream_block import StreamValue
from wagtail.blocks.struct_block import StructValue
from wagtail.rich_text import RichText


def plain(value):
    """Readable text of a rich-text source, a StreamField value or a nested block value."""
    parts = []
    _collect(value, parts)
    return " ".join(" ".join(parts).split())


def _collect(value, parts):
    if value is None:
        return
    if isinstance(value, RichText):
        parts.append(html.unescape(strip_tags(value.source)))
    elif isinstance(value, StreamValue):
        for child in value:
            _collect(child.value, parts)
    elif isinstance(value, StructValue | dict):
        for child in value.values():
            _collect(child, parts)
    elif isinstance(value, ListValue | list | tuple):
        for child in value:
            _collect(child, parts)
    elif isinstance(value, str):
        parts.append(html.unescape(strip_tags(value)) if "<" in value else value)
