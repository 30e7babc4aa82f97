"""Text analysis shared by indexing and querying: normalising, segmenting, pinyin, document numbers.

Documents and queries go through the same steps so that the tokens meet:

1. ``normalize``: NFKC (full-width letters, digits and spaces become half-width), lower case,
   whitespace collapsed.
2. ``segment`` / ``segment_for_index``: jieba with the county's own dictionary (``Dictionary``)
   in precise mode for queries and in search mode for documents (which adds the shorter words
   inside a long one, so that 社会保险 is also found by 保险). HMM guessing is off on both sides:
   the same text always splits the same way.
3. Tokens are cut where the script changes (汉字 / Latin and digits) and punctuation is dropped,
   so that SQLite's unicode61 tokenizer and PostgreSQL's 'simple' parser see the very same words.
"""

import functools
import re
import threading
import time
import unicodedata
from collections import defaultdict

import jieba
from django.conf import settings
from pypinyin import Style, lazy_pinyin
from pypinyin.constants import PHRASES_DICT

HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# A run of Han characters, or a run of letters and digits.
SCRIPT_RUNS = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+|[0-9a-z]+")

# 国函〔2023〕98号, 国函[2023]98号, 国函（2023）98号, 国函2023 98, 国办函2020年99号, 示政办发〔2026〕第12号 ...
DOC_NUMBER_ANCHORED = re.compile(
    r"([\u4e00-\u9fff]{1,12})\s*[〔\[【(〖{]?\s*((?:19|20)\d{2})\s*[〕\]】)〗}年]?\s*(?:第\s*)?(\d{1,5})(?:\s*号)?"
)

# Words that carry no meaning in a question ("怎么办理社保卡" → 社保卡 办理).
STOPWORDS = frozenset(
    "的 了 和 与 及 或 是 在 怎么 怎样 如何 什么 哪里 哪儿 哪些 哪个 吗 呢 吧 啊 呀 请问 请 我 我们 你 您 他 她 它 "
    "要 想 能 能否 可以 需要 有 没有 关于 一下 应该 去 到 把 被 给 对 从 这 那 这个 那个 就 也 都 还 又".split()
)


def normalize(text):
    """Half-width, lower case, single spaces."""
    text = unicodedata.normalize("NFKC", text or "").lower()
    return " ".join(text.split())


def script_runs(token):
    return SCRIPT_RUNS.findall(token)


def is_han(token):
    return bool(token) and all(HAN.match(ch) for ch in token)


def is_latin_word(token):
    return token.isascii() and token.isalpha()


@functools.lru_cache(maxsize=20000)
def _char_pinyin(ch):
    return "".join(lazy_pinyin(ch, errors="ignore"))


def pinyin(word):
    """社保 → shebao. Words in pypinyin's phrase list get their phrase reading (银行 → yinhang);
    others are read character by character (much faster, and what a typist of pinyin types)."""
    if word in PHRASES_DICT:
        return "".join(lazy_pinyin(word, errors="ignore"))
    return "".join(_char_pinyin(ch) for ch in word)


def initials(word):
    """社保 → sb."""
    return "".join(lazy_pinyin(word, style=Style.FIRST_LETTER, errors="ignore"))


# --- document numbers ---------------------------------------------------------------------------


def doc_number_key(number):
    """The comparable form of a 文号: 国函〔2023〕98号 → 国函2023-98 ('' when it is not one)."""
    match = DOC_NUMBER_ANCHORED.search(normalize(number))
    if not match:
        return ""
    prefix, year, serial = match.groups()
    return f"{prefix}{year}-{int(serial)}"


def doc_number_candidates(query):
    """Keys a query may mean. The agency part may carry words typed before it (查国函…): try its tails."""
    keys = []
    for match in DOC_NUMBER_ANCHORED.finditer(normalize(query)):
        prefix, year, serial = match.groups()
        for start in range(len(prefix)):
            key = f"{prefix[start:]}{year}-{int(serial)}"
            if key not in keys:
                keys.append(key)
    return keys


def doc_number_texts(query):
    """The document numbers in a query, as typed (normalised)."""
    return [match.group(0).strip() for match in DOC_NUMBER_ANCHORED.finditer(normalize(query))]


# How agencies' number prefixes end (示政办发, 国函, 国办函, 示人社字, 国务院令 …).
DOC_AGENCY_ENDINGS = "发函字令办文通告"


def clear_doc_number_texts(query):
    """The parts of a query that can only be a 文号: the year in brackets (国函〔2023〕98号), or an
    agency prefix and 号 (国办函2020年99号) — never a date such as 青禾镇2026年12号."""
    texts = []
    for match in DOC_NUMBER_ANCHORED.finditer(normalize(query)):
        text = match.group(0).strip()
        bracketed = any(mark in text for mark in "〔[【(〖{")
        if bracketed or (text.endswith("号") and match.group(1)[-1] in DOC_AGENCY_ENDINGS):
            texts.append(text)
    return texts


# --- the county's dictionary --------------------------------------------------------------------


class Dictionary:
    """jieba plus the county's terms, synonyms and the pinyin of both; reloaded when editors change them.

    One per process. ``get()`` reloads when a change in this process marked it stale, or, at most
    every SEARCH_DICT_CHECK_SECONDS, when the database stamp of terms and synonyms moved (another
    process changed them).
    """

    def __init__(self):
        self.lock = threading.RLock()
        self.tokenizer = None
        self.added = {}  # word -> frequency it had in jieba's own dictionary (None if absent)
        self.synonyms = {}
        self.term_pinyin = defaultdict(list)
        self.term_initials = defaultdict(list)
        self.terms = []
        self.stamp = None
        self.checked_at = 0.0
        self.stale = True

    def _tokenizer(self):
        if self.tokenizer is None:
            tokenizer = jieba.Tokenizer()
            tokenizer.initialize()
            self.tokenizer = tokenizer
        return self.tokenizer

    def load_tokenizer(self):
        """jieba's own dictionary, without the county's words (no database): what a web process loads before
        its workers fork (``townsquare/search/warmup.py``); ``get()`` adds the county's words later."""
        return self._tokenizer()

    def mark_stale(self):
        self.stale = True

    def get(self):
        now = time.monotonic()
        if not self.stale and now - self.checked_at > settings.SEARCH_DICT_CHECK_SECONDS:
            self.checked_at = now
            if self.stamp != current_stamp():
                self.stale = True
        if self.stale:
            with self.lock:
                if self.stale:
                    self.load()
        return self

    def load(self):
        from .models import GovTerm, Synonym, dictionary_extra_words

        stamp = current_stamp()
        tokenizer = self._tokenizer()
        words = {}
        for term in GovTerm.objects.all():
            words[normalize(term.word)] = term.frequency
        synonyms = {}
        for group in Synonym.objects.all():
            members = group.members()
            for word in members:
                words.setdefault(word, None)
            for word in group.leads():
                synonyms.setdefault(word, set()).update(m for m in members if m != word)
        for word in dictionary_extra_words():
            words.setdefault(normalize(word), None)

        for word in list(self.added):
            if word not in words:
                original = self.added.pop(word)
                if original:
                    tokenizer.add_word(word, original)
                else:
                    tokenizer.del_word(word)
        term_pinyin = defaultdict(list)
        term_initials = defaultdict(list)
        for word, frequency in words.items():
            if not word or " " in word:
                continue
            if word not in self.added:
                self.added[word] = tokenizer.FREQ.get(word) or None
            # Frequent enough to win over a split into shorter words (jieba's suggest_freq).
            tokenizer.add_word(word, frequency or max(tokenizer.suggest_freq(word, tune=False), 10))
            if is_han(word):
                term_pinyin[pinyin(word)].append(word)
                if len(word) >= 2:
                    term_initials[initials(word)].append(word)
        self.synonyms = {word: sorted(others) for word, others in synonyms.items()}
        self.term_pinyin = term_pinyin
        self.term_initials = term_initials
        self.terms = sorted(w for w in words if w)
        self.stamp = stamp
        self.checked_at = time.monotonic()
        self.stale = False

    # --- segmentation ---------------------------------------------------------------------------

    def segment(self, text):
        """Query segmentation (precise mode)."""
        return self._tokens(self.tokenizer.cut, text)

    def segment_for_index(self, text):
        """Document segmentation (search mode: long words and the dictionary words inside them)."""
        return self._tokens(self.tokenizer.cut_for_search, text)

    @staticmethod
    def _tokens(cut, text):
        tokens = []
        for piece in cut(normalize(text), HMM=False):
            tokens.extend(script_runs(piece))
        return tokens


def current_stamp():
    from django.db.models import Count, Max

    from .models import GovTerm, Synonym

    terms = GovTerm.objects.aggregate(n=Count("pk"), at=Max("updated_at"))
    groups = Synonym.objects.aggregate(n=Count("pk"), at=Max("updated_at"))
    return (terms["n"], terms["at"], groups["n"], groups["at"])


DICTIONARY = Dictionary()


def dictionary():
    return DICTIONARY.get()


def index_text(text):
    """Pre-segmented text for the full-text tables: tokens joined by spaces."""
    limit = settings.SEARCH_BODY_MAX_CHARS
    return " ".join(dictionary().segment_for_index((text or "")[:limit]))
