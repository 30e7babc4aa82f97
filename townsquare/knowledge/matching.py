"""Which knowledge entries answer a text: the answer card of a search and the suggestions while a 咨询 is typed.

Questions and texts go through search's analysis (jieba with the county's dictionary, search mode, stop
words out), and each word is read as its synonym group (社保 = 社会保险), so that the words meet however
they are written. A word weighs its rarity among the entries' questions (``log(1 + N / df)``; a word no
entry holds weighs the most).

Two scores, each the best over an entry's wordings (``Entry.questions()``):

* ``answer_score`` — for a short search: the weighted cosine of the query's words and the question's;
  the card shows when it reaches KNOWLEDGE_ANSWER_MIN_SCORE.
* ``suggest_score`` — for a long text being typed: the weighted share of the question's words the text
  holds; suggested from KNOWLEDGE_SUGGEST_MIN_SCORE.

The entries' words are kept per process and built again when an entry or the dictionary changes (one
small query per call tells; it also ties a cached page to the entries' table).
"""

import math
import threading
from dataclasses import dataclass, replace

from django.conf import settings
from django.db.models import Count, Max

from townsquare.search import analysis

from .continuing import continue_url
from .models import Entry

ANSWER_PREVIEW_CHARS = 160


@dataclass(frozen=True)
class Match:
    entry_id: int
    question: str
    answer: str
    unit_name: str
    review_by: object
    score: float
    continue_url: str = ""  # the 留言 form with the resident's words carried over (set by ``answer_for``)

    @property
    def url(self):
        from django.urls import reverse

        return reverse("knowledge:entry", args=[self.entry_id])

    @property
    def preview(self):
        text = " ".join(self.answer.split())
        return text if len(text) <= ANSWER_PREVIEW_CHARS else text[: ANSWER_PREVIEW_CHARS - 1] + "…"


def words(text):
    """The meaningful words of a text, each as its synonym group's key."""
    dictionary = analysis.dictionary()
    tokens = [t for t in dictionary.segment_for_index(text or "") if t not in analysis.STOPWORDS]
    kept = [t for t in tokens if len(t) > 1 or t.isdigit()] or tokens
    return {_group_key(dictionary, token) for token in kept}


def _group_key(dictionary, token):
    others = dictionary.synonyms.get(token)
    return min([token, *others]) if others else token


class Index:
    """The entries' wordings as weighted word sets, for one stamp of entries and dictionary."""

    def __init__(self, stamp, rows):
        self.stamp = stamp
        self.entries = {}
        self.variants = []  # (entry id, words)
        df = {}
        for entry in rows:
            self.entries[entry.pk] = entry
            seen = set()
            for question in entry.questions():
                variant = words(question)
                if variant:
                    self.variants.append((entry.pk, variant))
                    seen |= variant
            for word in seen:
                df[word] = df.get(word, 0) + 1
        total = max(len(self.entries), 1)
        self.weights = {word: math.log(1 + total / count) for word, count in df.items()}
        self.unknown_weight = math.log(1 + total / 0.5)

    def weight(self, word):
        return self.weights.get(word, self.unknown_weight)

    def best(self, text, score, minimum, limit):
        query = words(text)
        if not query:
            return []
        best = {}
        for entry_id, variant in self.variants:
            value = score(self, query, variant)
            if value >= minimum and value > best.get(entry_id, 0.0):
                best[entry_id] = value
        ranked = sorted(best.items(), key=lambda item: (-item[1], self.entries[item[0]].question))[:limit]
        return [self._match(entry_id, value) for entry_id, value in ranked]

    def _match(self, entry_id, value):
        entry = self.entries[entry_id]
        return Match(entry.pk, entry.question, entry.answer, entry.unit.name, entry.review_by, round(value, 3))


def answer_score(index, query, variant):
    shared = sum(index.weight(w) ** 2 for w in query & variant)
    if not shared:
        return 0.0
    norm_q = math.sqrt(sum(index.weight(w) ** 2 for w in query))
    norm_v = math.sqrt(sum(index.weight(w) ** 2 for w in variant))
    return shared / (norm_q * norm_v)


def suggest_score(index, query, variant):
    total = sum(index.weight(w) for w in variant)
    return sum(index.weight(w) for w in query & variant) / total if total else 0.0


_lock = threading.Lock()
_current = {"index": None}


def current_index():
    dictionary = analysis.dictionary()
    figures = Entry.objects.live().aggregate(n=Count("pk"), at=Max("updated_at"))
    stamp = (figures["n"], figures["at"], dictionary.stamp)
    index = _current["index"]
    if index is None or index.stamp != stamp:
        with _lock:
            index = _current["index"]
            if index is None or index.stamp != stamp:
                rows = list(Entry.objects.live().select_related("unit").order_by("pk")) if figures["n"] else []
                index = Index(stamp, rows)
                _current["index"] = index
    return index


def answer_for(query):
    """The entry that answers a search outright, or None."""
    text = (query or "").strip()[: settings.SEARCH_QUERY_MAX_CHARS]
    if not text:
        return None
    found = current_index().best(text, answer_score, settings.KNOWLEDGE_ANSWER_MIN_SCORE, 1)
    return replace(found[0], continue_url=continue_url(text)) if found else None


def suggestions_for(text):
    """Entries a 咨询 being typed may already have its answer in, best first."""
    text = (text or "").strip()[:2000]
    if len(text) < settings.KNOWLEDGE_SUGGEST_MIN_CHARS:
        return []
    return current_index().best(
        text, suggest_score, settings.KNOWLEDGE_SUGGEST_MIN_SCORE, settings.KNOWLEDGE_SUGGESTIONS
    )
