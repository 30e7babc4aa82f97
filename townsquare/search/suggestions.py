"""What search offers beside its hits: the editors' best bets, "did you mean", and words while typing;
and, before anything is typed, 热词 and 常办事项."""

import difflib
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from townsquare.core.viewrestrictions import may_be_restricted

from . import analysis
from .backends import Filters, Term, backend
from .models import BestBet, SearchDocument
from .querylog import found_queries
from .understanding import analyse, unique


def best_bets(text, words=()):
    """The editors' pinned results for the query as typed, or for the one word it means (shebao, sb → 社保)."""
    if not text:
        return []
    queries = unique([text, text.replace(" ", ""), *words])
    bets = BestBet.objects.filter(query__in=queries, active=True).select_related("page")
    # Bets for the words as typed first, then those for what they mean; each page once.
    bets = sorted(bets, key=lambda bet: (queries.index(bet.query), bet.sort_order, bet.pk))
    shown, seen = [], set()
    now = timezone.now()
    for bet in bets:
        if bet.page_id and not _bet_page_public(bet.page, now):
            continue
        key = bet.page_id or bet.url
        if key not in seen:
            seen.add(key)
            shown.append(bet)
    return shown


def hot_words(limit=None):
    """热词 for an empty search: what many residents searched lately and found (never one person's query)."""
    since = timezone.localdate() - timedelta(days=settings.SEARCH_REPORT_DAYS)
    return found_queries(limit or settings.SEARCH_SUGGESTIONS, since=since)


def common_tasks(limit=None):
    """常办事项 for an empty search: what editors pinned for common queries (推荐结果), each target once."""
    from wagtail.models import PageViewRestriction

    limit = limit or settings.SEARCH_SUGGESTIONS
    bets = BestBet.objects.filter(active=True).select_related("page").order_by("sort_order", "query", "pk")
    # Pages under a view restriction stay out: two queries however many bets there are.
    restricted = list(PageViewRestriction.objects.values_list("page__path", flat=True))
    shown, seen = [], set()
    now = timezone.now()
    for bet in bets[: limit * 3]:
        key = bet.page_id or bet.url
        page = bet.page
        hidden = page is not None and (
            not page.live
            or (page.expire_at and page.expire_at <= now)
            or any(page.path.startswith(path) for path in restricted)
        )
        if key in seen or hidden:
            continue
        seen.add(key)
        shown.append(bet)
        if len(shown) >= limit:
            break
    return shown


def _bet_page_public(page, now):
    """A pinned page shows only while anyone may see it: live, not expired, behind no restriction."""
    if not page.live or (page.expire_at and page.expire_at <= now):
        return False
    # The remembered table of restricted paths answers for most pages without a query.
    return not (may_be_restricted(page) and page.get_view_restrictions().exists())


def did_you_mean(analysed):
    """A word to try when nothing was found: a homophone or a close dictionary word or a query that found things."""
    text = analysed.text
    if not text:
        return ""
    dictionary = analysis.dictionary()
    compact = text.replace(" ", "")
    if analysis.is_latin_word(compact):
        words = dictionary.term_pinyin.get(compact) or dictionary.term_initials.get(compact)
        if words:
            return words[0]
    sound = analysis.pinyin(compact)
    homophones = [w for w in dictionary.term_pinyin.get(sound, ()) if w != compact]
    if homophones:
        return homophones[0]
    close = difflib.get_close_matches(compact, dictionary.terms + found_queries(500), n=1, cutoff=0.6)
    return close[0] if close and close[0] != compact else ""


def suggestions(prefix, limit=None):
    """Words and titles to offer while typing: dictionary words, others' queries, then titles."""
    limit = limit or settings.SEARCH_SUGGESTIONS
    text = analysis.normalize(prefix)[:30]
    if not text:
        return []
    compact = text.replace(" ", "")
    out = _dictionary_words(compact)
    since = timezone.localdate() - timedelta(days=settings.SEARCH_REPORT_DAYS)
    out.extend(found_queries(limit, since=since, prefix=text))
    out = unique([w for w in out if w != text])[:limit]
    if len(out) < limit and not analysis.is_latin_word(compact):
        out.extend(_titles(text, 3))
    return unique(out)[:limit]


def _dictionary_words(compact):
    """The county's words that start so, or whose pinyin does (shebao, sheb → 社保), or with those initials."""
    dictionary = analysis.dictionary()
    if not analysis.is_latin_word(compact):
        return [w for w in dictionary.terms if w.startswith(compact) and w != compact]
    words = []
    for key, matching in dictionary.term_pinyin.items():
        if key.startswith(compact):
            words.extend(matching)
    words.extend(dictionary.term_initials.get(compact, ()))
    return words


def _titles(text, limit):
    """Titles of the best items holding the words, the last one as a prefix (社保缴 → 社保缴费…)."""
    analysed = analyse(text)
    if not analysed.groups:
        return []
    analysed.groups[-1] = [tuple(Term(t.text, prefix=True) for t in alt) for alt in analysed.groups[-1]]
    engine = backend()
    filters = Filters(now=timezone.now())
    ids = [doc_id for doc_id, _ in engine.search(engine.render(analysed.groups), filters, limit=limit)]
    titles = SearchDocument.objects.in_bulk(ids)
    return [titles[i].title for i in ids if i in titles]
