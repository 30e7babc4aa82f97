"""The relevance set (bench/search_relevance.tsv) and its measures: MRR and recall@10.

Each line: ``category<TAB>query<TAB>expected`` where expected is the title or the 文号 of the item
that must be found (several acceptable items separated by `` || ``). Lines starting with # are comments.
"""

from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from .query import Params, search

DEFAULT_FILE = Path(settings.BASE_DIR) / "bench" / "search_relevance.tsv"


@dataclass
class Case:
    category: str
    query: str
    expected: list


def read_cases(path=DEFAULT_FILE):
    cases = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        category, query, expected = line.split("\t")
        cases.append(Case(category.strip(), query.strip(), [e.strip() for e in expected.split(" || ")]))
    return cases


def rank_of(case, k=10):
    """1-based rank of the first expected item in the top k, or None."""
    hits = search(Params(q=case.query), log=False).hits[:k]
    for position, hit in enumerate(hits, start=1):
        if hit.title in case.expected or (hit.doc_number and hit.doc_number in case.expected):
            return position
    return None


def evaluate(cases, k=10):
    """(MRR, recall@k, [(case, rank)])."""
    ranks = [(case, rank_of(case, k)) for case in cases]
    if not ranks:
        return 0.0, 0.0, []
    mrr = sum(1.0 / r for _, r in ranks if r) / len(ranks)
    recall = sum(1 for _, r in ranks if r) / len(ranks)
    return mrr, recall, ranks
