"""What the knowledge base's matching costs with many entries, on real residents' messages.

    .venv/bin/python bench/knowledge_matching.py [--entries 1000] [--datasets ../shared/datasets]

The titles of the first --entries messages of ``messages/tipdm2020_attachment4_messages_with_replies.xlsx``
become entries' questions (in memory, no database; jieba without the county's dictionary). Then:
- build: the time to build the per-process index (the first call after an entry changes);
- suggest: ``suggest_score`` over the first 200 messages' details, as the 留言 form asks while a 咨询 is
  typed — p50/p95, and how many messages had their own title suggested (a sanity check of the
  score: the question is in the text);
- answer: ``answer_score`` over the same messages' titles, as search asks for its answer card — p50/p95.
It asserts nothing; without the data set it says so and stops.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


class _Unit:
    name = "单位"


class _Entry:
    def __init__(self, pk, question):
        self.pk, self.question, self.answer, self.unit, self.review_by = pk, question, "", _Unit, None

    def questions(self):
        return [self.question]


def _messages(datasets):
    import openpyxl

    path = Path(datasets) / "messages" / "tipdm2020_attachment4_messages_with_replies.xlsx"
    if not path.exists():
        return None
    rows = list(openpyxl.load_workbook(path, read_only=True).active.iter_rows(values_only=True))
    header = [str(h or "") for h in rows[0]]
    title, details = header.index("留言主题"), header.index("留言详情")
    return [(str(r[title] or ""), str(r[details] or "")) for r in rows[1:]]


def _percentiles(times):
    ordered = sorted(times)
    return statistics.median(ordered) * 1000, ordered[int(len(ordered) * 0.95) - 1] * 1000


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=1000)
    parser.add_argument("--datasets", default=str(ROOT.parent / "shared" / "datasets"))
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "townsquare.settings")
    os.environ.setdefault("TOWNSQUARE_VAR_DIR", str(Path("/tmp") / "knowledge-bench-var"))
    import django

    django.setup()
    from django.conf import settings

    from townsquare.knowledge import matching
    from townsquare.search import analysis

    messages = _messages(args.datasets)
    if messages is None:
        print(f"no messages data set under {args.datasets}")
        return
    dictionary = analysis.DICTIONARY
    dictionary.load_tokenizer()
    dictionary.stale, dictionary.checked_at = False, time.monotonic() + 10**9  # no database: jieba's words only
    started = time.perf_counter()
    index = matching.Index(("bench",), [_Entry(i, title) for i, (title, _) in enumerate(messages[: args.entries])])
    build = time.perf_counter() - started
    sample = messages[:200]
    suggest_times, own = [], 0
    for pk, (_, details) in enumerate(sample):
        started = time.perf_counter()
        found = index.best(details[:2000], matching.suggest_score, settings.KNOWLEDGE_SUGGEST_MIN_SCORE, 3)
        suggest_times.append(time.perf_counter() - started)
        own += any(match.entry_id == pk for match in found)
    answer_times = []
    for title, _ in sample:
        started = time.perf_counter()
        index.best(title, matching.answer_score, settings.KNOWLEDGE_ANSWER_MIN_SCORE, 1)
        answer_times.append(time.perf_counter() - started)
    print(f"entries={len(index.entries)} build={build:.2f}s")
    print("suggest p50={:.1f}ms p95={:.1f}ms".format(*_percentiles(suggest_times)), f"own_title_suggested={own}/200")
    print("answer p50={:.1f}ms p95={:.1f}ms".format(*_percentiles(answer_times)))
    print(f"load average {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
