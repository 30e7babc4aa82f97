"""Search settings, each read with its default (the lead may set them in townsquare/settings.py)."""

from django.conf import settings

DEFAULTS = {
    # Results per page on /search/ and /api/search/, and the deepest page served.
    "SEARCH_PAGE_SIZE": 10,
    "SEARCH_MAX_PAGE": 50,
    # Longest query kept (characters); longer input is cut.
    "SEARCH_QUERY_MAX_CHARS": 80,
    # Body text indexed per item (characters); snippets come from the same text.
    "SEARCH_BODY_MAX_CHARS": 20000,
    # Title matches weigh this many times a body match.
    "SEARCH_TITLE_WEIGHT": 8.0,
    # Freshness: a new item scores up to (1 + weight); the bonus halves after HALF_LIFE days.
    "SEARCH_FRESHNESS_WEIGHT": 0.3,
    "SEARCH_FRESHNESS_HALF_LIFE_DAYS": 365,
    # Authority of each kind of content (multiplies the text score).
    "SEARCH_KIND_BOOSTS": {
        "policy": 1.2,
        "guide": 1.2,
        "interpretation": 1.1,
        "notice": 1.0,
        "publicity": 1.0,
        "topic": 1.0,
        "listing": 0.9,
        "news": 0.9,
        "request": 0.8,
    },
    # A policy that is no longer in force keeps this share of its score.
    "SEARCH_VALIDITY_BOOSTS": {"valid": 1.0, "revised": 0.6, "repealed": 0.35},
    # Candidates offered for one pinyin word / one initials word.
    "SEARCH_PINYIN_CANDIDATES": 4,
    # Suggestions shown while typing.
    "SEARCH_SUGGESTIONS": 8,
    # Query log report: days looked back and rows shown.
    "SEARCH_REPORT_DAYS": 30,
    "SEARCH_REPORT_ROWS": 50,
    # Snippet length (characters).
    "SEARCH_SNIPPET_CHARS": 120,
}


def get(name):
    return getattr(settings, name, DEFAULTS[name])
