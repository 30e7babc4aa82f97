"""The query log: what residents searched each day (masked), the 热词 / 无结果词 report, queries that found things.

Others' queries are offered as suggestions only when many people searched them: each search also
records a ``QuerySighting`` (query, salted hash of the address, day), and a query must have been
seen from SEARCH_SUGGEST_MIN_ADDRESSES addresses on SEARCH_SUGGEST_MIN_DAYS days. Queries holding a
contact handle, an address on the web or a phone-length number are never offered (``is_suggestible``),
nor any holding a word editors blocked (``BlockedSuggestion``).

A search costs no database write: ``log_query`` puts it in a buffer (``logbuffer``) and ``flush_queries``
writes what waits in a few queries (by size or age on a search, and by the ``search_flush_log`` job).
"""

import logging
import re
import unicodedata
from datetime import date, timedelta

from django.conf import settings
from django.db import DatabaseError, transaction
from django.db.models import Case, Count, F, PositiveIntegerField, Sum, Value, When
from django.utils import timezone
from django.utils.crypto import salted_hmac

from townsquare.core.privacy import mask_text

from . import logbuffer
from .models import BlockedSuggestion, QueryLog, QuerySighting

logger = logging.getLogger(__name__)

# WeChat / QQ handles and their usual disguises, e-mail, web addresses, masked personal data (*).
CONTACT = re.compile(r"微信|威信|薇信|徽信|维信|v信|vx|wx|qq|扣扣|加v|加微|@|https?:|www\.|\*")
DOMAIN = re.compile(r"[a-z0-9-]+\s*[.。]\s*[a-z]{2,}")
# Seven digits or more, also written with spaces, dots or dashes between them (138 1234 5678).
PHONE_LENGTH_DIGITS = re.compile(r"\d(?:[\s.\-]?\d){6,}")


def loggable(text):
    """What may be stored of a query: no phone, ID or e-mail in it (masked), cut to the field size."""
    return mask_text(text)[:80]


def is_suggestible(query):
    """Whether a query may be shown to others: no contact handle, e-mail, URL or domain, no phone-length number."""
    text = unicodedata.normalize("NFKC", query or "").lower().strip()
    if not text:
        return False
    return not (CONTACT.search(text) or DOMAIN.search(text) or PHONE_LENGTH_DIGITS.search(text))


def address_hash(address):
    """The client address as stored: a keyed hash (the site's secret), never the address itself."""
    return salted_hmac("townsquare.search.sighting", address).hexdigest()[:32]


def log_query(text, total, address=""):
    """Notes one search of ``text`` today that found ``total`` items, from the client ``address``.

    Cheap on the request path: the search waits in a buffer (``logbuffer.py``) and is written with
    others by ``flush_queries``, here once SEARCH_LOG_FLUSH_SIZE wait or the oldest waited
    SEARCH_LOG_FLUSH_SECONDS, and by the scheduler every minute."""
    text = loggable(text)
    if not text:
        return
    sighted = address_hash(address) if address and is_suggestible(text) else ""
    if logbuffer.append((text, timezone.localdate().isoformat(), total, sighted)):
        try:
            flush_queries()
        except DatabaseError:  # the search itself is answered; the searches wait for the next flush
            logger.exception("Writing the search log failed")


def flush_queries():
    """Write every buffered search to the log in a few queries; returns how many searches were written."""
    entries = logbuffer.take()
    try:
        _write(entries)
    except BaseException:
        logbuffer.put_back(entries)
        raise
    return len(entries)


def _write(entries):
    """Count ``entries`` (query, ISO day, results, address hash or "") into the log and the sightings."""
    if not entries:
        return
    counts, sightings = {}, set()
    for text, day, total, sighted in entries:
        key = (text, date.fromisoformat(day))
        searches, empty, _last = counts.get(key, (0, 0, 0))
        counts[key] = (searches + 1, empty + (total == 0), total)
        if sighted:
            sightings.add((text, sighted, key[1]))
    with transaction.atomic():
        # One row per query, address and day however often it is repeated: the table stays small.
        QuerySighting.objects.bulk_create(
            [QuerySighting(query=text, address_hash=sighted, day=day) for text, sighted, day in sightings],
            ignore_conflicts=True,
        )
        # Today's rows exist (created empty unless another process did), then one UPDATE adds the counts.
        QueryLog.objects.bulk_create([QueryLog(query=text, day=day) for text, day in counts], ignore_conflicts=True)
        rows = QueryLog.objects.filter(query__in={text for text, _ in counts}, day__in={day for _, day in counts})
        ids = {(text, day): pk for pk, text, day in rows.values_list("pk", "query", "day") if (text, day) in counts}

        def by_row(index):
            whens = [When(pk=pk, then=Value(counts[key][index])) for key, pk in ids.items()]
            return Case(*whens, output_field=PositiveIntegerField())

        QueryLog.objects.filter(pk__in=ids.values()).update(
            searches=F("searches") + by_row(0), empty_searches=F("empty_searches") + by_row(1), last_results=by_row(2)
        )


def _without_blocked(rows):
    """``rows`` of the log without any query holding a word editors blocked."""
    for word in BlockedSuggestion.objects.values_list("query", flat=True):
        rows = rows.exclude(query__contains=word)
    return rows


def hot_queries(days=None, limit=None, empty=False):
    """[(query, searches, empty searches)] of the last days, most searched first (热词 / 无结果词).

    热词 leave out what may not be shown to others (contact handles, blocked words); 无结果词 keep
    everything, since editors read them to find what is missing."""
    days = days or settings.SEARCH_REPORT_DAYS
    limit = limit or settings.SEARCH_REPORT_ROWS
    since = timezone.localdate() - timedelta(days=days - 1)
    rows = QueryLog.objects.filter(day__gte=since)
    if empty:
        rows = rows.filter(empty_searches__gt=0)
    else:
        rows = _without_blocked(rows)
    rows = (
        rows.values("query")
        .annotate(total=Sum("searches"), empty=Sum("empty_searches"))
        .order_by("-empty" if empty else "-total", "query")
    )
    if empty:
        return [(row["query"], row["total"], row["empty"]) for row in rows[:limit]]
    # Over-fetch: some rows are dropped by is_suggestible below.
    shown = [(row["query"], row["total"], row["empty"]) for row in rows[: limit * 2 + 20]]
    return [row for row in shown if is_suggestible(row[0])][:limit]


def found_queries(limit, since=None, prefix=""):
    """Queries that found something, most searched first, that may be offered to others.

    Only those searched from SEARCH_SUGGEST_MIN_ADDRESSES addresses on SEARCH_SUGGEST_MIN_DAYS days and
    at least SEARCH_SUGGEST_MIN_SEARCHES times (since ``since``): one person's typo, a name they typed,
    or one machine repeating an advertisement is never shown to others."""
    sightings = QuerySighting.objects.all()
    rows = QueryLog.objects.filter(last_results__gt=0)
    if since:
        sightings = sightings.filter(day__gte=since)
        rows = rows.filter(day__gte=since)
    if prefix:
        sightings = sightings.filter(query__startswith=prefix)
        rows = rows.filter(query__startswith=prefix)
    widely = (
        sightings.values("query")
        .annotate(addresses=Count("address_hash", distinct=True), days=Count("day", distinct=True))
        .filter(addresses__gte=settings.SEARCH_SUGGEST_MIN_ADDRESSES, days__gte=settings.SEARCH_SUGGEST_MIN_DAYS)
        .values("query")
    )
    rows = _without_blocked(rows.filter(query__in=widely))
    queries = (
        rows.values("query")
        .annotate(total=Sum("searches"))
        .filter(total__gte=settings.SEARCH_SUGGEST_MIN_SEARCHES)
        .order_by("-total", "query")
        .values_list("query", flat=True)[: limit * 2 + 20]
    )
    return [query for query in queries if is_suggestible(query)][:limit]


def forget_old_sightings():
    """Drop sightings older than the report window: suggestions never look further back."""
    since = timezone.localdate() - timedelta(days=settings.SEARCH_REPORT_DAYS)
    return QuerySighting.objects.filter(day__lt=since).delete()[0]
