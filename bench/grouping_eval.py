"""How well ``group_messages`` finds topics, against messages grouped by hand; and the top hot topics it finds.

    .venv/bin/python bench/grouping_eval.py [--datasets DIR] [--labels bench/hot_topics_labels.tsv]
        [--similarity S] [--top 10]

``bench/hot_topics_labels.tsv`` holds 446 messages (every message of 2019-12 and 2020-01 in the set with votes),
grouped by reading them: one group per problem at one place; a message alone has a group of its own. Prints
pairwise precision, recall and F1 (over pairs of messages put together) and the adjusted Rand index of the
grouping of those messages, then groups all 4,326 messages and lists the hottest groups (count, 点赞, growth).
"""

import argparse
import csv
import os
import re
import sys
from collections import Counter
from datetime import datetime
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "townsquare.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from sklearn.metrics import adjusted_rand_score  # noqa: E402

from townsquare.hotspots.grouping import Message, group, groups_of  # noqa: E402
from townsquare.hotspots.heat import Member, rank  # noqa: E402

FILE = "messages/tipdm2020_attachment3_messages_with_votes.xlsx"


def load(path):
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True)
    rows = list(book.active.iter_rows(values_only=True))[1:]
    messages, votes = [], {}
    for key, _user, title, received, details, _against, likes in rows:
        if key is None:
            continue
        key = str(key).strip()
        if isinstance(received, datetime):
            day = received.date()
        else:
            match = re.match(r"(\d{4})\D(\d{1,2})\D(\d{1,2})", str(received or ""))
            day = datetime(*map(int, match.groups())).date() if match else None
        details = re.sub(r"\s+", " ", str(details or "")).strip()
        text = f"{str(title or '').strip()}。{details}"
        messages.append(Message(key, text, day))
        votes[key] = int(likes or 0)
    return messages, votes


def pairs(labels):
    return {pair for members in groups_of(labels).values() for pair in combinations(sorted(members), 2)}


def scores(truth, found):
    keys = sorted(truth)
    true_pairs, found_pairs = pairs(truth), pairs({k: found[k] for k in keys})
    both = len(true_pairs & found_pairs)
    precision = both / len(found_pairs) if found_pairs else 1.0
    recall = both / len(true_pairs) if true_pairs else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    ari = adjusted_rand_score([truth[k] for k in keys], [found[k] for k in keys])
    return precision, recall, f1, ari


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--datasets", default=str(ROOT.parent / "shared" / "datasets"))
    parser.add_argument("--labels", default=str(ROOT / "bench" / "hot_topics_labels.tsv"))
    parser.add_argument("--similarity", type=float, default=settings.HOTSPOT_SIMILARITY)
    parser.add_argument("--window", type=int, default=settings.HOTSPOT_WINDOW_DAYS)
    parser.add_argument("--top", type=int, default=10)
    args = parser.parse_args()
    path = Path(args.datasets) / FILE
    if not path.exists():
        sys.exit(f"skipped: {path} is not there")
    messages, votes = load(path)
    with open(args.labels, encoding="utf-8") as handle:
        truth = {row["id"]: row["group"] for row in csv.DictReader(handle, delimiter="\t")}
    labelled = [m for m in messages if m.key in truth]
    found = group(labelled, args.similarity, args.window)
    precision, recall, f1, ari = scores(truth, found)
    print(
        f"labelled messages={len(labelled)} groups by hand={len(set(truth.values()))} found={len(set(found.values()))}"
    )
    print(f"similarity={args.similarity} window_days={args.window}")
    print(f"pairwise precision={precision:.3f} recall={recall:.3f} f1={f1:.3f} ari={ari:.3f}")
    largest = Counter(truth.values()).most_common(1)[0][0]
    rest = {k: g for k, g in truth.items() if g != largest}
    precision, recall, f1, ari = scores(
        rest, group([m for m in labelled if m.key in rest], args.similarity, args.window)
    )
    print(f"without the largest hand group ({len(truth) - len(rest)} messages): ", end="")
    print(f"pairwise precision={precision:.3f} recall={recall:.3f} f1={f1:.3f} ari={ari:.3f}")

    everything = group(messages, args.similarity, args.window)
    by_key = {m.key: m for m in messages}
    newest = max(m.day for m in messages if m.day)
    ranked = rank(
        {
            number: [Member(by_key[k].day, 0, votes[k]) for k in keys]
            for number, keys in groups_of(everything).items()
            if len(keys) >= settings.HOTSPOT_MIN_REQUESTS
        },
        today=newest,
    )
    print(f"all messages={len(messages)} groups={len(set(everything.values()))}")
    members = groups_of(everything)
    for place, (number, heat) in enumerate(ranked[: args.top], 1):
        keys = members[number]
        days = sorted(by_key[k].day for k in keys if by_key[k].day)
        title = Counter(by_key[k].text.split("。")[0][:40] for k in keys).most_common(1)[0][0]
        likes = sum(votes[k] for k in keys)
        print(f"{place:2d}. heat={heat:.1f} messages={len(keys)} 点赞={likes} {days[0]}–{days[-1]} {title}")


if __name__ == "__main__":
    main()
