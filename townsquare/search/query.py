"""One query layer for both back ends: understanding the query, finding, ranking, presenting.

``analyse()`` turns what a resident typed into groups of alternatives:

* each word of the query (jieba, precise mode, stop words dropped) is a group;
* a group's alternatives are the word, its synonyms (社保 → 社会保险), and for Latin letters the
  dictionary or index words with that pinyin (shebao, she bao → 社保) or those initials (sb → 社保);
* neighbouring words that together are a dictionary word, or sound like one (公基金 → 公积金),
  form one group with that word as an alternative.

``search()`` asks for items holding every group; if none, it tries homophones from the whole
index vocabulary, then items holding any group. A document number in the query (国函〔2023〕98号,
国函[2023]98号, 国函2023 98) puts that document first.
"""

import difflib
import math
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.db import IntegrityError, transaction
from django.db.models import F, Sum
from django.utils import timezone

from townsquare.core.privacy import mask_text

from . import analysis, conf
from .backends import Filters, Term, backend
from .highlight import excerpt, mark
from .models import BestBet, QueryLog, SearchDocument, SearchTerm
from .sources import kind_label, strict_kinds


@dataclass
class Analysed:
    text: str
    groups: list = field(default_factory=list)
    doc_keys: list = field(default_factory=list)
    corrections: list = field(default_factory=list)  # (as typed, meant)
    spans: list = field(default_factory=list)  # (tokens of a group) for later correction
    doc_text: str = ""  # the document numbers the query holds, as typed (normalised)

    def terms(self):
        """Every word the results may hold (for marking them in snippets).

        A lone Han character is marked only when its group has no longer word (低宝 → 低保, not 低 and 宝)
        and it is not a piece of a document number (示政办发 → not every 示 of the text)."""
        seen = set()
        doc_tokens = set(analysis.dictionary().segment(self.doc_text)) if self.doc_text else set()
        for group in self.groups:
            has_word = any(len(term.text) > 1 for alternative in group for term in alternative)
            for alternative in group:
                for term in alternative:
                    if len(term.text) > 1 and term.text not in doc_tokens:
                        seen.add(term.text)
                    elif analysis.is_han(term.text) and not has_word and term.text not in doc_tokens:
                        seen.add(term.text)
        return seen

    def words(self):
        """What the query may mean as whole words, when it is one word (shebao → 社保, sb → 社保 社会保险)."""
        if len(self.groups) != 1:
            return []
        return _unique("".join(term.text for term in alternative) for alternative in self.groups[0])


def _unique(items):
    out = []
    for item in items:
        if item not in out:
            out.append(item)
    return out


def _with_synonyms(words, dictionary):
    out = []
    for word in words:
        out.append(word)
        out.extend(dictionary.synonyms.get(word, ()))
    return _unique(out)


def _pinyin_words(key, dictionary, vocabulary):
    """Words whose pinyin is ``key``: the county's terms first, then the index vocabulary."""
    limit = conf.get("SEARCH_PINYIN_CANDIDATES")
    words = list(dictionary.term_pinyin.get(key, ()))
    words += [w for w in vocabulary.get(key, ()) if w not in words]
    return words[:limit]


def _synonym_variants(token, dictionary):
    """社保费 → 社会保险费: a word holding a synonym, with the synonym swapped in."""
    variants = []
    if len(token) > 2 and analysis.is_han(token):
        for word, others in dictionary.synonyms.items():
            if len(word) >= 2 and word in token and word != token:
                variants += [token.replace(word, other) for other in others]
    return variants[: conf.get("SEARCH_PINYIN_CANDIDATES")]


def analyse(raw, with_vocabulary_homophones=False):
    dictionary = analysis.dictionary()

    def as_terms(word):
        """A word as the index holds it: the tokens it segments into (年金 → 年 金), all required."""
        tokens = dictionary.segment(word) or [word]
        return tuple(Term(t) for t in tokens)

    text = analysis.normalize(raw)[: conf.get("SEARCH_QUERY_MAX_CHARS")]
    result = Analysed(
        text=text, doc_keys=analysis.doc_number_candidates(text), doc_text=" ".join(analysis.doc_number_texts(text))
    )
    tokens = [t for t in dictionary.segment(text)]
    meaningful = [t for t in tokens if t not in analysis.STOPWORDS]
    tokens = meaningful or tokens
    if not tokens:
        return result

    # Spans of 1–4 neighbouring words: which may be one word (in the dictionary, by pinyin, by sound)?
    latin_keys = set()
    han_keys = set()
    for i in range(len(tokens)):
        for length in range(1, 5):
            span = tokens[i : i + length]
            if len(span) < length:
                break
            joined = "".join(span)
            if all(analysis.is_latin_word(t) for t in span):
                latin_keys.add(joined)
            elif length > 1 and all(analysis.is_han(t) for t in span):
                if with_vocabulary_homophones or any(len(t) == 1 for t in span):
                    han_keys.add(analysis.pinyin(joined))
    vocabulary = {}
    lookup = set(latin_keys) | han_keys
    if lookup:
        for key, word in SearchTerm.objects.filter(pinyin__in=sorted(lookup)).values_list("pinyin", "word")[:400]:
            vocabulary.setdefault(key, []).append(word)

    def span_alternatives(span):
        joined = "".join(span)
        if all(analysis.is_latin_word(t) for t in span):
            words = _pinyin_words(joined, dictionary, vocabulary)
            if len(span) == 1:
                words += [w for w in dictionary.term_initials.get(joined, ()) if w not in words]
                words = words[: conf.get("SEARCH_PINYIN_CANDIDATES") + 2]
            return _with_synonyms(words, dictionary), False
        if len(span) > 1 and all(analysis.is_han(t) for t in span):
            if joined in dictionary.synonyms or joined in dictionary.term_pinyin.get(analysis.pinyin(joined), ()):
                return _with_synonyms([joined], dictionary), False
            sound = analysis.pinyin(joined)
            words = [w for w in dictionary.term_pinyin.get(sound, ()) if w != joined and len(w) == len(joined)]
            if with_vocabulary_homophones or any(len(t) == 1 for t in span):
                # A run of single characters is a word jieba did not know: maybe a typo of one it knows.
                words += [w for w in vocabulary.get(sound, ()) if w != joined and len(w) == len(joined)]
            return _with_synonyms(_unique(words), dictionary), bool(words)
        return [], False

    i = 0
    while i < len(tokens):
        taken = False
        for length in (4, 3, 2):
            span = tokens[i : i + length]
            if len(span) < length:
                continue
            words, corrected = span_alternatives(span)
            if words:
                alternatives = [tuple(Term(t) for t in span)] + [as_terms(w) for w in words]
                result.groups.append(_unique(alternatives))
                if corrected and "".join(span) not in result.doc_text.replace(" ", ""):
                    # (not the agency part of a document number: 示民发 is no typo of 市民)
                    result.corrections.append(("".join(span), words[0]))
                i += length
                taken = True
                break
        if taken:
            continue
        token = tokens[i]
        words = [token] + list(dictionary.synonyms.get(token, ())) + _synonym_variants(token, dictionary)
        if analysis.is_latin_word(token):
            extra, _ = span_alternatives([token])
            words += extra
        result.groups.append(_unique([as_terms(w) for w in _unique(words)]))
        i += 1
    return result


# --- searching --------------------------------------------------------------------------------------


@dataclass
class Params:
    q: str = ""
    kinds: list = field(default_factory=list)
    unit_id: int | None = None
    date_from: object = None  # date
    date_to: object = None  # date, inclusive
    sort: str = "relevance"
    page: int = 1


@dataclass
class Hit:
    id: int
    title: str
    title_html: str
    url: str
    kind: str
    kind_label: str
    unit_name: str
    date: object
    snippet: str
    snippet_html: str
    doc_number: str
    exact: bool = False


@dataclass
class Results:
    query: str
    hits: list
    total: int
    page: int
    pages: int
    page_size: int
    relaxed: bool = False
    corrections: list = field(default_factory=list)
    did_you_mean: str = ""
    best_bets: list = field(default_factory=list)
    refused: bool = False

    @property
    def has_next(self):
        return self.page < self.pages

    @property
    def has_previous(self):
        return self.page > 1


def _aware(day, end=False):
    if not day:
        return None
    moment = datetime.combine(day + timedelta(days=1) if end else day, time.min)
    return timezone.make_aware(moment)


def _filters(params, exclude_ids=()):
    return Filters(
        kinds=list(params.kinds),
        unit_id=params.unit_id,
        date_from=_aware(params.date_from),
        date_to=_aware(params.date_to, end=True),
        exclude_ids=list(exclude_ids),
        now=timezone.now(),
    )


def _doc_number_hits(keys, params):
    """Ids of the documents whose 文号 the query names, within the filters."""
    if not keys:
        return []
    filters = _filters(params)
    queryset = SearchDocument.objects.filter(doc_key__in=keys)
    if filters.kinds:
        queryset = queryset.filter(kind__in=filters.kinds)
    if filters.unit_id:
        queryset = queryset.filter(unit_id=filters.unit_id)
    if filters.date_from:
        queryset = queryset.filter(date__gte=filters.date_from)
    if filters.date_to:
        queryset = queryset.filter(date__lt=filters.date_to)
    queryset = queryset.exclude(expires_at__lte=filters.now)
    return list(queryset.order_by("-boost", "-date", "pk").values_list("pk", flat=True)[:5])


def find(analysed, params, offset, limit, exclude_kinds=(), relax=True):
    """(ids of one page, total, relaxed, exact ids) for an analysed query; document-number hits first.

    Items holding every group come first; only when there are none (and ``relax``), items holding
    any group — never of the strict-only kinds (residents' requests).
    """
    engine = backend()
    exact = _doc_number_hits(analysed.doc_keys, params)
    filters = _filters(params, exclude_ids=exact)
    filters.exclude_kinds = list(exclude_kinds)
    relaxed = False
    total = 0
    match = engine.render(analysed.groups) if analysed.groups else ""
    if match:
        total = engine.count(match, filters)
        if total == 0 and relax and len(analysed.groups) > 1:
            filters.exclude_kinds = sorted(set(filters.exclude_kinds) | set(strict_kinds()))
            match = engine.render(analysed.groups, any_group=True)
            total = engine.count(match, filters)
            relaxed = total > 0
    ids = list(exact[offset : offset + limit])
    if match and total and len(ids) < limit:
        rest_offset = max(0, offset - len(exact))
        ids += [doc_id for doc_id, _ in engine.search(match, filters, params.sort, limit - len(ids), rest_offset)]
    return ids, total + len(exact), relaxed, set(exact)


def search(params, log=True):
    page_size = conf.get("SEARCH_PAGE_SIZE")
    page = max(1, min(params.page or 1, conf.get("SEARCH_MAX_PAGE")))
    analysed = analyse(params.q)
    results = Results(query=analysed.text, hits=[], total=0, page=page, pages=0, page_size=page_size)
    if not analysed.text:
        return results
    if mask_text(analysed.text) != analysed.text:
        # A phone, ID or e-mail: searching for them could tell that a resident's message holds them.
        results.refused = True
        return results
    offset = (page - 1) * page_size
    ids, total, relaxed, exact = find(analysed, params, offset, page_size, relax=False)
    if total == 0 and analysed.groups:
        # Nothing holds every word: maybe a typo that sounds like a word of the index (物业管里 → 物业管理).
        retry = analyse(params.q, with_vocabulary_homophones=True)
        if retry.corrections:
            ids, total, relaxed, exact = find(retry, params, offset, page_size, strict_kinds(), relax=False)
            if total:
                analysed = retry
        if total == 0:
            # Then items holding some of the words.
            ids, total, relaxed, exact = find(analysed, params, offset, page_size)
    results.total = total
    results.pages = min(math.ceil(total / page_size), conf.get("SEARCH_MAX_PAGE")) if total else 0
    results.relaxed = relaxed
    results.corrections = analysed.corrections if total else []
    results.hits = _hits(ids, analysed)
    for hit in results.hits:
        hit.exact = hit.id in exact
    if page == 1:
        results.best_bets = best_bets(analysed.text, analysed.words())
    if total == 0:
        results.did_you_mean = did_you_mean(analysed)
    if log and page == 1:
        log_query(analysed.text, total)
    return results


def _hits(ids, analysed):
    if not ids:
        return []
    docs = SearchDocument.objects.select_related("unit").in_bulk(ids)
    terms = analysed.terms()
    length = conf.get("SEARCH_SNIPPET_CHARS")
    hits = []
    for doc_id in ids:
        doc = docs.get(doc_id)
        if doc is None:
            continue
        snippet, snippet_html = excerpt(doc.body, terms, length)
        hits.append(
            Hit(
                id=doc.pk,
                title=doc.title,
                title_html=mark(doc.title, terms),
                url=doc.url,
                kind=doc.kind,
                kind_label=kind_label(doc.kind),
                unit_name=doc.unit.name if doc.unit else "",
                date=doc.date,
                snippet=snippet,
                snippet_html=snippet_html,
                doc_number=doc.doc_number,
            )
        )
    return hits


# --- best bets, the query log, did-you-mean, suggestions ------------------------------------------------


def best_bets(text, words=()):
    """The editors' pinned results for the query as typed, or for the one word it means (shebao, sb → 社保)."""
    if not text:
        return []
    queries = _unique([text, text.replace(" ", ""), *words])
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


def _bet_page_public(page, now):
    """A pinned page shows only while anyone may see it: live, not expired, behind no restriction."""
    if not page.live or (page.expire_at and page.expire_at <= now):
        return False
    return not page.get_view_restrictions().exists()


def loggable(text):
    """What may be stored of a query: no phone, ID or e-mail in it (masked), cut to the field size."""
    return mask_text(text)[:80]


def log_query(text, total):
    text = loggable(text)
    if not text:
        return
    today = timezone.localdate()
    empty = 1 if total == 0 else 0
    updated = QueryLog.objects.filter(query=text, day=today).update(
        searches=F("searches") + 1, empty_searches=F("empty_searches") + empty, last_results=total
    )
    if not updated:
        try:
            with transaction.atomic():
                QueryLog.objects.create(query=text, day=today, searches=1, empty_searches=empty, last_results=total)
        except IntegrityError:
            QueryLog.objects.filter(query=text, day=today).update(
                searches=F("searches") + 1, empty_searches=F("empty_searches") + empty, last_results=total
            )


def hot_queries(days=None, limit=None, empty=False):
    """[(query, searches, empty searches)] of the last days, most searched first (热词 / 无结果词)."""
    days = days or conf.get("SEARCH_REPORT_DAYS")
    limit = limit or conf.get("SEARCH_REPORT_ROWS")
    since = timezone.localdate() - timedelta(days=days - 1)
    rows = QueryLog.objects.filter(day__gte=since)
    if empty:
        rows = rows.filter(empty_searches__gt=0)
    rows = (
        rows.values("query")
        .annotate(total=Sum("searches"), empty=Sum("empty_searches"))
        .order_by("-empty" if empty else "-total", "query")[:limit]
    )
    return [(row["query"], row["total"], row["empty"]) for row in rows]


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
    found = list(
        QueryLog.objects.filter(last_results__gt=0)
        .values("query")
        .annotate(total=Sum("searches"))
        .filter(total__gte=conf.get("SEARCH_SUGGEST_MIN_SEARCHES"))
        .order_by("-total", "query")
        .values_list("query", flat=True)[:500]
    )
    close = difflib.get_close_matches(compact, dictionary.terms + found, n=1, cutoff=0.6)
    return close[0] if close and close[0] != compact else ""


def suggestions(prefix, limit=None):
    """Words and titles to offer while typing."""
    limit = limit or conf.get("SEARCH_SUGGESTIONS")
    text = analysis.normalize(prefix)[:30]
    if not text:
        return []
    dictionary = analysis.dictionary()
    out = []
    compact = text.replace(" ", "")
    if analysis.is_latin_word(compact):
        for key, words in dictionary.term_pinyin.items():
            if key.startswith(compact):
                out.extend(words)
        out.extend(dictionary.term_initials.get(compact, ()))
    else:
        out.extend(w for w in dictionary.terms if w.startswith(compact) and w != compact)
    since = timezone.localdate() - timedelta(days=conf.get("SEARCH_REPORT_DAYS"))
    out.extend(
        QueryLog.objects.filter(day__gte=since, query__startswith=text, last_results__gt=0)
        .values("query")
        .annotate(total=Sum("searches"))
        .filter(total__gte=conf.get("SEARCH_SUGGEST_MIN_SEARCHES"))
        .order_by("-total")
        .values_list("query", flat=True)[:limit]
    )
    out = _unique([w for w in out if w != text])[:limit]
    if len(out) < limit and not analysis.is_latin_word(compact):
        analysed = analyse(text)
        if analysed.groups:
            last = analysed.groups[-1]
            analysed.groups[-1] = [tuple(Term(t.text, prefix=True) for t in alt) for alt in last]
            engine = backend()
            ids = [i for i, _ in engine.search(engine.render(analysed.groups), _filters(Params()), limit=3)]
            titles = SearchDocument.objects.in_bulk(ids)
            out.extend(titles[i].title for i in ids if i in titles)
    return _unique(out)[:limit]
