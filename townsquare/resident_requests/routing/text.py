"""Text normalisation and tokenisation for residents' messages.

Normalisation undoes what the export and the residents' keyboards add without meaning:
openpyxl's ``_x000D_`` escapes for carriage returns, full-width letters, digits and
punctuation (NFKC folds them to their half-width forms), upper case Latin letters and
runs of whitespace (the ``\\n\\t\\t\\t`` padding of the exported messages).
"""

import logging
import re
import unicodedata

import jieba

jieba.setLogLevel(logging.WARNING)

_XLSX_ESCAPE = re.compile(r"_x000[dDaA9]_")
_WHITESPACE = re.compile(r"\s+")
_DIGITS = re.compile(r"\d+")
# Tokens kept as words: at least one CJK ideograph, Latin letter or digit.
_WORDLIKE = re.compile(r"[\u4e00-\u9fff0-9a-z]")


def normalize_text(text) -> str:
    """Return ``text`` folded to half-width, lower case, with whitespace runs collapsed to one space."""
    if text is None:
        return ""
    text = _XLSX_ESCAPE.sub(" ", str(text))
    text = unicodedata.normalize("NFKC", text).lower()
    return _WHITESPACE.sub(" ", text).strip()


def join_title(title, details) -> str:
    """One text from a message's subject (留言主题) and details (留言详情), the subject first."""
    title = normalize_text(title)
    details = normalize_text(details)
    if title and details:
        return details if details.startswith(title) else f"{title}。{details}"
    return title or details


def tokenize(text: str) -> list[str]:
    """jieba words of an already normalised text, without punctuation; digit runs become ``0``."""
    words = []
    for word in jieba.lcut(text):
        if _WORDLIKE.search(word):
            words.append(_DIGITS.sub("0", word))
    return words


def chars(text: str) -> str:
    """The text reduced to what the character n-grams should see: no spaces, digit runs as ``0``."""
    return _DIGITS.sub("0", text.replace(" ", ""))
