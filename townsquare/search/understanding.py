"""Understanding a query: what a resident typed, as groups of alternative words.

``analyse()`` runs these steps, each a function below:

1. ``normalise``: half-width, lower case, single spaces, cut to SEARCH_QUERY_MAX_CHARS;
2. ``document_numbers``: the 文号 the query names (国函〔2023〕98号, 国函[2023]98号, 国函2023 98);
3. ``segment``: jieba in precise mode, stop words dropped (unless the query holds nothing else);
4. ``index_vocabulary``: the index words that sound like a run of the query's words (one database query);
5. ``group_words``: neighbouring words that together are a dictionary word, or sound like one
   (公基金 → 公积金, then a correction), form one group; every other word is a group of its own;
6. ``Alternatives``: a group's alternatives are the word, its synonyms (社保 → 社会保险), and for
   Latin letters the dictionary or index words with that pinyin (shebao, she bao → 社保) or those
   initials (sb → 社保).
"""

from dataclasses import dataclass, field

from django.conf import settings

from . import analysis
from .backends import Term
from .models import SearchTerm

SPAN_WORDS = 4  # the longest run of neighbouring words tried as one word


@dataclass
class Analysed:
    text: str
    groups: list = field(default_factory=list)
    doc_keys: list = field(default_factory=list)
    corrections: list = field(default_factory=list)  # (as typed, meant)
    doc_text: str = ""  # the document numbers the query holds, as typed (normalised)
    doc_numbers: list = field(default_factory=list)  # those that can only be a 文号 (国函〔2023〕98号)

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
        return unique("".join(term.text for term in alternative) for alternative in self.groups[0])


def unique(items):
    """The items in their order, each once."""
    out = []
    for item in items:
        if item not in out:
            out.append(item)
    return out


def analyse(raw, with_vocabulary_homophones=False):
    """The query as groups of alternatives.

    ``with_vocabulary_homophones``: also try the index words that sound like any run of Han words
    (the retry when nothing holds every word: 物业管里 → 物业管理)."""
    dictionary = analysis.dictionary()
    text = normalise(raw)
    doc_keys, doc_text = document_numbers(text)
    result = Analysed(
        text=text, doc_keys=doc_keys, doc_text=doc_text, doc_numbers=analysis.clear_doc_number_texts(text)
    )
    tokens = segment(text, dictionary)
    if tokens:
        vocabulary = index_vocabulary(tokens, with_vocabulary_homophones)
        group_words(tokens, Alternatives(dictionary, vocabulary, with_vocabulary_homophones), result)
    return result


def normalise(raw):
    return analysis.normalize(raw)[: settings.SEARCH_QUERY_MAX_CHARS]


def document_numbers(text):
    """(the keys of the 文号 the query may name, those numbers as typed)."""
    return analysis.doc_number_candidates(text), " ".join(analysis.doc_number_texts(text))


def segment(text, dictionary):
    """The query's words without stop words ("怎么办理社保卡" → 办理 社保卡), unless it has no other words."""
    tokens = dictionary.segment(text)
    return [t for t in tokens if t not in analysis.STOPWORDS] or tokens


def _spans(tokens):
    """Every run of 1 to SPAN_WORDS neighbouring words."""
    for start in range(len(tokens)):
        for length in range(1, SPAN_WORDS + 1):
            if start + length > len(tokens):
                break
            yield tokens[start : start + length]


def _tries_sound(span, with_vocabulary_homophones):
    """Whether index words that sound like a run of Han words are tried for it.

    A run of single characters is a word jieba did not know: maybe a typo of one it knows."""
    return with_vocabulary_homophones or any(len(t) == 1 for t in span)


def index_vocabulary(tokens, with_vocabulary_homophones):
    """{pinyin: [index words]} for the runs that may be one word by their sound (Latin letters, Han words)."""
    keys = set()
    for span in _spans(tokens):
        if all(analysis.is_latin_word(t) for t in span):
            keys.add("".join(span))
        elif len(span) > 1 and all(analysis.is_han(t) for t in span) and _tries_sound(span, with_vocabulary_homophones):
            keys.add(analysis.pinyin("".join(span)))
    vocabulary = {}
    if keys:
        for key, word in SearchTerm.objects.filter(pinyin__in=sorted(keys)).values_list("pinyin", "word")[:400]:
            vocabulary.setdefault(key, []).append(word)
    return vocabulary


def group_words(tokens, alternatives, result):
    """Left to right: the longest run of 4, 3 or 2 words that may be one word is a group, else one word is."""
    start = 0
    while start < len(tokens):
        start += _group_span(tokens, start, alternatives, result) or _group_word(tokens[start], alternatives, result)


def _group_span(tokens, start, alternatives, result):
    """Adds the longest run from ``start`` that may be one word as a group; the words it took (0: none)."""
    for length in range(SPAN_WORDS, 1, -1):
        span = tokens[start : start + length]
        if len(span) < length:
            continue
        words, corrected = alternatives.of_span(span)
        if words:
            result.groups.append(unique([tuple(Term(t) for t in span)] + [alternatives.as_terms(w) for w in words]))
            joined = "".join(span)
            if corrected and joined not in result.doc_text.replace(" ", ""):
                # (not the agency part of a document number: 示民发 is no typo of 市民)
                result.corrections.append((joined, words[0]))
            return length
    return 0


def _group_word(token, alternatives, result):
    result.groups.append(unique([alternatives.as_terms(w) for w in alternatives.of_word(token)]))
    return 1


class Alternatives:
    """What a word, or a run of words, of the query may mean: the county's dictionary and the index vocabulary."""

    def __init__(self, dictionary, vocabulary, with_vocabulary_homophones):
        self.dictionary = dictionary
        self.vocabulary = vocabulary
        self.with_vocabulary_homophones = with_vocabulary_homophones

    def as_terms(self, word):
        """A word as the index holds it: the tokens it segments into (年金 → 年 金), all required."""
        tokens = self.dictionary.segment(word) or [word]
        return tuple(Term(t) for t in tokens)

    def of_span(self, span):
        """(the words a run may be, whether they correct it); no words when it is none."""
        joined = "".join(span)
        if all(analysis.is_latin_word(t) for t in span):
            return self.of_pinyin(joined, with_initials=len(span) == 1), False
        if len(span) > 1 and all(analysis.is_han(t) for t in span):
            return self.of_han(span, joined)
        return [], False

    def of_pinyin(self, key, with_initials):
        """Words with that pinyin (shebao, she bao → 社保), the county's terms first; for one word, also
        those initials (sb → 社保)."""
        limit = settings.SEARCH_PINYIN_CANDIDATES
        words = list(self.dictionary.term_pinyin.get(key, ()))
        words += [w for w in self.vocabulary.get(key, ()) if w not in words]
        words = words[:limit]
        if with_initials:
            words += [w for w in self.dictionary.term_initials.get(key, ()) if w not in words]
            words = words[: limit + 2]
        return self.with_synonyms(words)

    def of_han(self, span, joined):
        """A dictionary word as it is; else the words of its length that sound like it (公基金 → 公积金)."""
        sound = analysis.pinyin(joined)
        if joined in self.dictionary.synonyms or joined in self.dictionary.term_pinyin.get(sound, ()):
            return self.with_synonyms([joined]), False
        words = [w for w in self.dictionary.term_pinyin.get(sound, ()) if w != joined and len(w) == len(joined)]
        if _tries_sound(span, self.with_vocabulary_homophones):
            words += [w for w in self.vocabulary.get(sound, ()) if w != joined and len(w) == len(joined)]
        return self.with_synonyms(unique(words)), bool(words)

    def of_word(self, token):
        """A word alone: itself, its synonyms, the word with a synonym inside swapped, what its pinyin means."""
        words = [token, *self.dictionary.synonyms.get(token, ()), *self.synonym_variants(token)]
        if analysis.is_latin_word(token):
            words += self.of_span([token])[0]
        return unique(words)

    def synonym_variants(self, token):
        """社保费 → 社会保险费: a word holding a synonym, with the synonym swapped in."""
        variants = []
        if len(token) > 2 and analysis.is_han(token):
            for word, others in self.dictionary.synonyms.items():
                if len(word) >= 2 and word in token and word != token:
                    variants += [token.replace(word, other) for other in others]
        return variants[: settings.SEARCH_PINYIN_CANDIDATES]

    def with_synonyms(self, words):
        out = []
        for word in words:
            out.append(word)
            out.extend(self.dictionary.synonyms.get(word, ()))
        return unique(out)
