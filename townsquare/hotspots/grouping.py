"""Grouping residents' messages into topics: the same problem at the same place, raised around the same time.

Plain functions, no database: the weekly job (``jobs.py``), ``manage.py group_messages FILE`` and
``bench/grouping_eval.py`` all call ``group(messages)``.

How: every message becomes two TF-IDF vectors, jieba words of the whole text and character bigrams of its
opening (the subject, where residents name the place and the problem), joined with weights and normalised.
Messages are then clustered by average linkage on cosine distance: a message joins a group when it is
close to the group as a whole, not merely to one member (single linkage chains unrelated messages through
one long text). Two messages further apart in time than ``window_days`` are never in one group.

scikit-learn and scipy are imported when messages are grouped, not with this module: ``topics`` (and so the
admin hooks every web worker loads) imports it, and a web worker should not carry them.
"""

from dataclasses import dataclass
from datetime import date

import numpy as np

from townsquare.resident_requests.routing.text import chars, normalize_text, tokenize

# Characters of a message's opening that the bigram block reads (subject plus the first words of details).
OPENING_CHARS = 40
# Weight of the bigram block against the word block (both unit length before joining).
OPENING_WEIGHT = 1.0
# Words that say nothing about the topic: the forms of address and request every message has.
STOP_WORDS = frozenset(
    "您好 你好 领导 尊敬 的 了 是 在 我 我们 和 有 也 都 就 请 请求 希望 反映 投诉 举报 咨询 建议 问题 关于 "
    "一个 什么 怎么 为什么 这个 那个 没有 不 还 能 可以 要 会 a市 市 区 县 谢谢 感谢 严重".split()
)


@dataclass(frozen=True)
class Message:
    """One message to group: its key, its text (subject first), and when it was received (or None)."""

    key: str
    text: str
    day: date | None = None


def _words(text):
    return [w for w in tokenize(text) if w not in STOP_WORDS]


def _opening(text):
    return chars(text)[:OPENING_CHARS]


def vectors(texts):
    """The joined, normalised TF-IDF vectors of already normalised ``texts`` (a sparse matrix, one row each)."""
    from scipy.sparse import hstack
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.preprocessing import normalize

    words = TfidfVectorizer(analyzer=_words, sublinear_tf=True, min_df=1).fit_transform(texts)
    opening = TfidfVectorizer(
        analyzer="char", ngram_range=(2, 2), preprocessor=_opening, sublinear_tf=True
    ).fit_transform(texts)
    return normalize(hstack([normalize(words), OPENING_WEIGHT * normalize(opening)]).tocsr())


def distances(messages, window_days):
    """Condensed cosine distances between ``messages`` (scipy's order), 1 for pairs too far apart in time."""
    matrix = vectors([normalize_text(m.text) for m in messages])
    similarity = (matrix @ matrix.T).toarray()
    np.clip(similarity, 0.0, 1.0, out=similarity)
    distance = 1.0 - similarity
    days = [m.day for m in messages]
    if window_days and any(days):
        ordinal = np.array([d.toordinal() if d else np.nan for d in days], dtype=float)
        apart = np.abs(ordinal[:, None] - ordinal[None, :]) > window_days
        distance[apart] = 1.0  # NaN compares False: an undated message may join any group
    np.fill_diagonal(distance, 0.0)
    n = len(messages)
    return distance[np.triu_indices(n, k=1)]


def group(messages, threshold, window_days=0):
    """Group ``messages`` (``Message``); returns {key: group number}, numbers from 1 in order of first appearance.

    Two messages share a group when the average similarity between their groups reaches ``threshold``
    (cosine, 0–1). A message in no group gets a number of its own."""
    messages = list(messages)
    if not messages:
        return {}
    if len(messages) == 1:
        return {messages[0].key: 1}
    from scipy.cluster.hierarchy import fcluster, linkage

    tree = linkage(distances(messages, window_days), method="average")
    raw = fcluster(tree, t=1.0 - threshold, criterion="distance")
    numbers = {}
    return {m.key: numbers.setdefault(label, len(numbers) + 1) for m, label in zip(messages, raw, strict=True)}


def groups_of(assignment):
    """{group number: [keys]} from ``group``'s answer, keys in their input order."""
    members = {}
    for key, number in assignment.items():
        members.setdefault(number, []).append(key)
    return members
