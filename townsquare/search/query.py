"""Finding and presenting: one page of results for a search, on either back end.

``search()`` asks for items holding every group of the analysed query (``understanding.analyse``);
if none, it tries homophones from the whole index vocabulary, then items holding any group. A
document number in the query (国函〔2023〕98号, 国函[2023]98号, 国函2023 98) puts that document first;
when no document has a number that can only be a 文号, the results say so, list the documents with
the nearest numbers, and search the rest of the query only (not the number's pieces: 2023, 号).
What it offers besides the hits (best bets, "did you mean") is in ``suggestions``; what it logs, in
``querylog``.

A page of results is the same for every visitor until the index, the dictionary, a best bet or a page
changes: ``search()`` keeps it with ``pagecache.remember`` (the tables it read are its tags), for at
most PAGE_FRAGMENT_SECONDS (freshness counts in the ranking) and never past the next expiry of an
indexed item; only the query log is written on every search.
"""

import hashlib
import math
import re
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.conf import settings
from django.db.models import Min, Q
from django.utils import timezone

from townsquare.core import pagecache
from townsquare.core.privacy import mask_text

from .backends import Filters, backend
from .highlight import excerpt, mark
from .models import GovTerm, SearchDocument, Synonym
from .querylog import log_query
from .sources import kind_label, strict_kinds
from .suggestions import best_bets, did_you_mean
from .understanding import analyse

# How many documents with a number close to a missing one are listed.
NEAR_DOC_NUMBERS = 5
DOC_KEY_PARTS = re.compile(r"^(.*?)((?:19|20)\d{2})-(\d+)$")


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


@dataclass(frozen=True)
class Bet:
    """An editors' pinned result as shown (``BestBet``): kept with the results, without its page."""

    page_id: int | None
    display_title: str
    target_url: str
    description: str

    @classmethod
    def of(cls, bet):
        return cls(bet.page_id, bet.display_title, bet.target_url, bet.description)


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
    # A 文号 the query names that no document has, and the documents whose numbers are closest.
    missing_doc_number: str = ""
    near_doc_numbers: list = field(default_factory=list)

    @property
    def has_next(self):
        return self.page < self.pages

    @property
    def has_previous(self):
        return self.page > 1


@dataclass
class Found:
    """One page found for an analysed query: its ids, the total, whether relaxed, the document-number hits."""

    analysed: object
    ids: list
    total: int
    relaxed: bool
    exact: set


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


def _filtered(queryset, params):
    """``queryset`` of index entries within the filters of ``params``, not expired."""
    filters = _filters(params)
    if filters.kinds:
        queryset = queryset.filter(kind__in=filters.kinds)
    if filters.unit_id:
        queryset = queryset.filter(unit_id=filters.unit_id)
    if filters.date_from:
        queryset = queryset.filter(date__gte=filters.date_from)
    if filters.date_to:
        queryset = queryset.filter(date__lt=filters.date_to)
    return queryset.exclude(expires_at__lte=filters.now)


def _doc_number_hits(keys, params):
    """Ids of the documents whose 文号 the query names, within the filters."""
    if not keys:
        return []
    queryset = _filtered(SearchDocument.objects.filter(doc_key__in=keys), params)
    return list(queryset.order_by("-boost", "-date", "pk").values_list("pk", flat=True)[:5])


def _missing_doc_number(analysed):
    """The 文号 the query names when no public document has it (whatever the filters), else ''."""
    if not analysed.doc_numbers:
        return ""
    found = SearchDocument.objects.filter(doc_key__in=analysed.doc_keys).exclude(expires_at__lte=timezone.now())
    return "" if found.exists() else "、".join(analysed.doc_numbers)


def _key_parts(key):
    """国函2023-98 → ("国函", 2023, 98); None for what is no document-number key."""
    match = DOC_KEY_PARTS.match(key)
    return (match.group(1), int(match.group(2)), int(match.group(3))) if match else None


def _near_doc_numbers(keys, params):
    """Ids of the documents whose 文号 is closest to the missing one: the same agency and year, the same
    agency, or the same year and number of another agency (a slip in the agency part)."""
    wanted = [parts for parts in map(_key_parts, keys) if parts]
    agencies = {agency for agency, _, _ in wanted if len(agency) >= 2}
    tails = {f"{year}-{serial}" for _, year, serial in wanted}
    if not agencies and not tails:
        return []
    close = Q()
    for agency in agencies:
        close |= Q(doc_key__startswith=agency)
    for tail in tails:
        close |= Q(doc_key__endswith=tail)
    rows = _filtered(SearchDocument.objects.exclude(doc_key="").filter(close), params)
    rows = rows.order_by("-date", "pk").values_list("pk", "doc_key")[:100]

    def distance(row):
        agency, year, serial = _key_parts(row[1]) or ("", 0, 0)
        best = (3, 0)
        for w_agency, w_year, w_serial in wanted:
            if agency == w_agency:
                rank = (0, abs(serial - w_serial)) if year == w_year else (1, abs(year - w_year))
            elif (year, serial) == (w_year, w_serial):
                rank = (2, 0)
            else:
                continue
            best = min(best, rank)
        return best

    return [pk for pk, _ in sorted(rows, key=distance)[:NEAR_DOC_NUMBERS]]


def find(analysed, params, offset, limit, exclude_kinds=(), relax=True):
    """One page for an analysed query, document-number hits first.

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
    return Found(analysed, ids, total + len(exact), relaxed, set(exact))


def _find_with_fallbacks(analysed, params, offset, limit):
    """Items holding every word; else, for a typo that sounds like a word of the index
    (物业管里 → 物业管理), items holding every corrected word; else items holding some of the words."""
    found = find(analysed, params, offset, limit, relax=False)
    if found.total or not analysed.groups:
        return found
    retry = analyse(analysed.text, with_vocabulary_homophones=True)
    if retry.corrections:
        corrected = find(retry, params, offset, limit, strict_kinds(), relax=False)
        if corrected.total:
            return corrected
    return find(analysed, params, offset, limit)


def search(params, log=True, address=""):
    """One page of results for ``params``; logs page 1 as searched from the client ``address``."""
    results = pagecache.remember(_results_key(params), lambda: _search(params), settings.PAGE_FRAGMENT_SECONDS)
    entry = log_entry(results)
    if log and entry:
        log_query(*entry, address=address)
    return results


def log_entry(results):
    """What the query log counts of a search: (query, results found) for page 1 of a query searched
    (not refused), else None."""
    if results.page == 1 and results.query and not results.refused:
        return results.query, results.total
    return None


def _results_key(params):
    page = max(1, min(params.page or 1, settings.SEARCH_MAX_PAGE))
    shape = repr((params.q, sorted(params.kinds), params.unit_id, params.date_from, params.date_to, params.sort, page))
    return "search:results:v1:" + hashlib.sha256(shape.encode()).hexdigest()[:32]


def _until_next_expiry():
    """What is kept of a search holds until the next indexed item expires (it leaves the results then)."""
    pagecache.valid_until(
        SearchDocument.objects.filter(expires_at__gt=timezone.now()).aggregate(at=Min("expires_at"))["at"]
    )


def _search(params):
    # The analysis reads the county's dictionary, which each process reloads on its own schedule.
    pagecache.depends_on(pagecache.table_tag(GovTerm), pagecache.table_tag(Synonym))
    page_size = settings.SEARCH_PAGE_SIZE
    page = max(1, min(params.page or 1, settings.SEARCH_MAX_PAGE))
    analysed = analyse(params.q)
    results = Results(query=analysed.text, hits=[], total=0, page=page, pages=0, page_size=page_size)
    if not analysed.text:
        return results
    if mask_text(analysed.text) != analysed.text:
        # A phone, ID or e-mail: searching for them could tell that a resident's message holds them.
        results.refused = True
        return results
    _until_next_expiry()
    typed = analysed
    results.missing_doc_number = _missing_doc_number(analysed)
    if results.missing_doc_number:
        if page == 1:
            results.near_doc_numbers = _hits(_near_doc_numbers(analysed.doc_keys, params), analysed)
        # The number's pieces (国函, 2023, 98, 号) would find anything: search the other words only.
        rest = analysed.text
        for number in analysed.doc_numbers:
            rest = rest.replace(number, " ")
        analysed = analyse(rest)
    found = _find_with_fallbacks(analysed, params, (page - 1) * page_size, page_size)
    analysed, total = found.analysed, found.total
    results.total = total
    results.pages = min(math.ceil(total / page_size), settings.SEARCH_MAX_PAGE) if total else 0
    results.relaxed = found.relaxed
    results.corrections = analysed.corrections if total else []
    results.hits = _hits(found.ids, analysed)
    for hit in results.hits:
        hit.exact = hit.id in found.exact
    if page == 1:
        meant = typed if results.missing_doc_number else analysed
        bets = best_bets(meant.text, meant.words())
        for bet in bets:
            if bet.page_id:
                pagecache.valid_until(bet.page.expire_at)
        results.best_bets = [Bet.of(bet) for bet in bets]
    if total == 0 and not results.missing_doc_number:
        results.did_you_mean = did_you_mean(analysed)
    return results


HIT_FIELDS = ("pk", "title", "url", "kind", "unit__name", "date", "body", "doc_number")


def _hits(ids, analysed):
    if not ids:
        return []
    rows = {row[0]: row for row in SearchDocument.objects.filter(pk__in=ids).values_list(*HIT_FIELDS)}
    terms = analysed.terms()
    length = settings.SEARCH_SNIPPET_CHARS
    hits = []
    for doc_id in ids:
        row = rows.get(doc_id)
        if row is None:
            continue
        pk, title, url, kind, unit_name, date, body, doc_number = row
        snippet, snippet_html = excerpt(body, terms, length)
        hits.append(
            Hit(
                id=pk,
                title=title,
                title_html=mark(title, terms),
                url=url,
                kind=kind,
                kind_label=kind_label(kind),
                unit_name=unit_name or "",
                date=date,
                snippet=snippet,
                snippet_html=snippet_html,
                doc_number=doc_number,
            )
        )
    return hits
