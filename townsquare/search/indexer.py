"""Writing the index: one item (a signal), many (rebuild, corpus), or re-segmenting after a dictionary change."""

import logging
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from . import analysis
from .backends import backend
from .models import SearchDocument, SearchTerm, TermStatisticsState

logger = logging.getLogger(__name__)

VOCABULARY_MAX_WORD = 12
# The word statistics (PostgreSQL ranking) are copied again, right after the write that made them
# stale, once this share of the index is new (ids above the last copy): a copy costs about as much
# as the index is large (~1.3 s for 100 000 items), so per item written it stays a constant.
STATISTICS_DRIFT = 0.2
_known_words = set()


@dataclass
class Entry:
    """What a source says about one public item. ``None`` instead of an Entry means: keep it out."""

    title: str
    url: str
    body: str = ""
    keywords: str = ""
    unit_id: int | None = None
    date: object = None
    doc_number: str = ""
    boost: float = 1.0
    expires_at: object = None
    extra: dict = field(default_factory=dict)


def _fields(source, entry):
    return {
        "kind": source.kind,
        "title": entry.title[:300],
        "url": entry.url[:500],
        "body": entry.body or "",
        "keywords": (entry.keywords or "")[:500],
        "unit_id": entry.unit_id,
        "date": entry.date,
        "doc_number": (entry.doc_number or "")[:80],
        "doc_key": analysis.doc_number_key(entry.doc_number) if entry.doc_number else "",
        "boost": entry.boost,
        "expires_at": entry.expires_at,
    }


def tokens_for(doc):
    """(title tokens, body tokens) of a stored document: the index is rebuilt from these fields alone."""
    title = analysis.index_text(f"{doc.title} {doc.doc_number}")
    body = analysis.index_text(f"{doc.keywords} {doc.body}")
    return title, body


def _vocabulary_words(tokens):
    """Words of the index for pinyin look-up: multi-character words, and runs of single characters
    (jieba leaves 年金 as 年 金; its pinyin nianjin must still lead to it)."""
    run = []
    for token in [*tokens, ""]:
        if len(token) == 1 and analysis.is_han(token):
            run.append(token)
            continue
        for size in (2, 3):
            for start in range(0, len(run) - size + 1):
                yield "".join(run[start : start + size])
        run = []
        if 2 <= len(token) <= VOCABULARY_MAX_WORD and analysis.is_han(token):
            yield token


def _remember_vocabulary(token_texts):
    words = set()
    for text in token_texts:
        for word in _vocabulary_words(text.split()):
            if word not in _known_words:
                words.add(word)
    if not words:
        return
    SearchTerm.objects.bulk_create(
        [SearchTerm(word=word, pinyin=analysis.pinyin(word)[:160]) for word in words],
        ignore_conflicts=True,
        batch_size=500,
    )
    if len(_known_words) > 500_000:
        _known_words.clear()
    _known_words.update(words)


def _write(docs):
    rows = []
    for doc in docs:
        title, body = tokens_for(doc)
        rows.append((doc.pk, title, body))
    with connection.cursor() as cursor:
        backend().replace(cursor, rows)
    _remember_vocabulary(text for row in rows for text in row[1:])


@transaction.atomic
def put(source, object_id, entry):
    doc, created = SearchDocument.objects.update_or_create(
        source=source.key, object_id=str(object_id), defaults=_fields(source, entry)
    )
    _write([doc])
    if created:
        transaction.on_commit(refresh_statistics_if_stale, robust=True)
    return doc


@transaction.atomic
def remove(source_key, object_ids):
    object_ids = [str(i) for i in object_ids]
    ids = list(SearchDocument.objects.filter(source=source_key, object_id__in=object_ids).values_list("pk", flat=True))
    if ids:
        with connection.cursor() as cursor:
            backend().delete(cursor, ids)
        SearchDocument.objects.filter(pk__in=ids).delete()


def index_object(source, obj):
    """Put ``obj`` in the index if its source says it is public now, else take it out."""
    entry = source.document(obj)
    if entry is None:
        remove(source.key, [source.object_id(obj)])
        return None
    return put(source, source.object_id(obj), entry)


@transaction.atomic
def put_many(source, pairs):
    """Index many (object_id, entry) pairs at once (rebuild, corpus): replaces what the index had for them."""
    pairs = [(str(object_id), entry) for object_id, entry in pairs if entry is not None]
    if not pairs:
        return 0
    remove(source.key, [object_id for object_id, _ in pairs])
    docs = SearchDocument.objects.bulk_create(
        [
            SearchDocument(source=source.key, object_id=object_id, **_fields(source, entry))
            for object_id, entry in pairs
        ],
        batch_size=500,
    )
    _write(docs)
    transaction.on_commit(refresh_statistics_if_stale, robust=True)
    return len(docs)


def refresh_statistics():
    """Copy how many items hold each word of the index (for PostgreSQL's ranking); (words, items) or None."""
    with transaction.atomic():
        last_id = SearchDocument.objects.aggregate(last=Max("pk"))["last"] or 0
        with connection.cursor() as cursor:
            result = backend().refresh_statistics(cursor)
        if result is None:
            return None
        TermStatisticsState.objects.update_or_create(
            pk=1,
            defaults={
                "documents": result[1],
                "average_words": result[2],
                "last_document_id": last_id,
                "refreshed_at": timezone.now(),
            },
        )
    return result[:2]


def statistics_stale():
    """Whether the copied word statistics lag the index: never copied, or a large share of the items is new."""
    if not backend().needs_statistics:
        return False
    state = TermStatisticsState.objects.filter(pk=1).first()
    last_id = SearchDocument.objects.aggregate(last=Max("pk"))["last"] or 0
    if state is None or not state.documents:
        return last_id > 0
    return last_id - state.last_document_id > STATISTICS_DRIFT * state.documents


def refresh_statistics_if_stale():
    if statistics_stale():
        return refresh_statistics()
    return None


def rebuild(sources, batch=500, stdout=None):
    """Index every public item of the given sources and drop the items that are no longer public."""
    total = 0
    for source in sources:
        keep = set()
        pairs = []
        for obj in source.items().iterator(chunk_size=batch):
            entry = source.document(obj)
            if entry is None:
                continue
            object_id = str(source.object_id(obj))
            keep.add(object_id)
            pairs.append((object_id, entry))
            if len(pairs) >= batch:
                total += put_many(source, pairs)
                pairs = []
        total += put_many(source, pairs)
        gone = set(SearchDocument.objects.filter(source=source.key).values_list("object_id", flat=True)) - keep
        remove(source.key, gone)
        if stdout:
            stdout.write(f"{source.label}：{len(keep)} 条")
    refresh_statistics()
    return total


def resegment(docs):
    """Segment stored documents again (the dictionary changed); their text stays as it is."""
    docs = list(docs)
    with transaction.atomic():
        _write(docs)
    return len(docs)


def resegment_containing(word, batch=500):
    """Re-segment every document whose text holds ``word`` (after editors added or removed it)."""
    from django.db.models import Q

    word = analysis.normalize(word)
    if not word:
        return 0
    analysis.DICTIONARY.mark_stale()
    analysis.dictionary()
    queryset = SearchDocument.objects.filter(
        Q(title__icontains=word) | Q(body__icontains=word) | Q(keywords__icontains=word)
    ).order_by("pk")
    done = 0
    chunk = []
    for doc in queryset.iterator(chunk_size=batch):
        chunk.append(doc)
        if len(chunk) >= batch:
            done += resegment(chunk)
            chunk = []
    done += resegment(chunk)
    return done


def clear_all():
    with transaction.atomic():
        with connection.cursor() as cursor:
            backend().clear(cursor)
        SearchDocument.objects.all().delete()
