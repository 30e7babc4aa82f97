"""Snippets around the words found, with the words marked (<mark>), HTML-escaped."""

import unicodedata

from django.utils.html import escape
from django.utils.safestring import mark_safe

# Characters remembered per process (the texts searched use a few thousand); beyond, folded each time.
FOLD_TABLE_MAX = 20000


class _FoldTable(dict):
    """code point -> its folded character, filled as characters are met (``str.translate`` reads it)."""

    def __missing__(self, code):
        ch = chr(code)
        folded = unicodedata.normalize("NFKC", ch).lower()
        folded = folded if len(folded) == 1 else ch
        if len(self) < FOLD_TABLE_MAX:
            self[code] = folded
        return folded


_FOLDS = _FoldTable()


def _fold(text):
    """Same length as ``text``: each character half-width and lower case where that keeps one character."""
    return text.translate(_FOLDS)


def _spans(text, terms):
    folded = _fold(text)
    spans = []
    for term in sorted(terms, key=len, reverse=True):
        start = folded.find(term)
        while start != -1:
            end = start + len(term)
            if not any(s < end and start < e for s, e in spans):
                spans.append((start, end))
            start = folded.find(term, end)
    return sorted(spans)


def mark(text, terms):
    """``text`` escaped, with every occurrence of the terms wrapped in <mark>."""
    text = text or ""
    pieces, last = [], 0
    for start, end in _spans(text, terms):
        pieces.append(escape(text[last:start]))
        pieces.append(f"<mark>{escape(text[start:end])}</mark>")
        last = end
    pieces.append(escape(text[last:]))
    return mark_safe("".join(pieces))


def excerpt(text, terms, length=120):
    """(plain excerpt, marked HTML excerpt) of about ``length`` characters around the first term found."""
    text = " ".join((text or "").split())
    if not text:
        return "", mark_safe("")
    spans = _spans(text, terms)
    if spans:
        first = spans[0][0]
        start = max(0, first - length // 4)
    else:
        start = 0
    end = min(len(text), start + length)
    start = max(0, min(start, end - length))
    piece = text[start:end]
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    return prefix + piece + suffix, mark_safe(prefix + mark(piece, terms) + suffix)
