"""Held-out accuracy and macro-F1 of smart routing (智能分拨), against a plain TF-IDF + LinearSVC baseline.

    .venv/bin/python bench/routing_eval.py [--datasets DIR] [--seeds 0 1 2] [--folds 5]

Near-duplicate messages are removed first (routing/data.py ``dedupe``), so no test message has a
copy in training. Prints, for each seed, an 80/20 stratified held-out split, then k-fold
cross-validation; each line gives accuracy and macro-F1 of the routing model and of the baseline
on the same split, the training time, and the prediction time per message (one message per call, as on submission).

With ``--calibrate`` it prints instead, from k-fold out-of-fold scores (every message scored by a model that
did not see it), how many messages would get a suggestion (coverage) and how many of those are right
(precision) at each confidence threshold: the figures behind ``ROUTING_SUGGEST_MIN_CONFIDENCE``.
"""

import argparse
import os
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "townsquare.settings")

import django  # noqa: E402

django.setup()

from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: E402
from sklearn.svm import LinearSVC  # noqa: E402

from townsquare.resident_requests.routing import data, training  # noqa: E402
from townsquare.resident_requests.routing.model import scores  # noqa: E402
from townsquare.resident_requests.routing.text import tokenize  # noqa: E402


def baseline(dataset, train_index, test_index):
    """Plain TF-IDF over jieba words + LinearSVC, default settings."""
    vectorizer = TfidfVectorizer(analyzer=tokenize)
    matrix = vectorizer.fit_transform([dataset.texts[i] for i in train_index])
    classifier = LinearSVC(random_state=0).fit(matrix, dataset.labels[train_index])
    predicted = classifier.predict(vectorizer.transform([dataset.texts[i] for i in test_index]))
    return scores(dataset.labels[test_index], predicted)


def line(name, result, base):
    return (
        f"{name}: accuracy={result.accuracy:.4f} macro_f1={result.macro_f1:.4f} "
        f"(baseline accuracy={base[0]:.4f} macro_f1={base[1]:.4f}) "
        f"train {result.train_seconds:.1f} s, predict {result.predict_ms_per_message:.2f} ms/message, "
        f"test {result.test_size}"
    )


def summary(name, results, bases):
    def spread(values):
        return f"{statistics.mean(values):.4f} ± {statistics.pstdev(values):.4f}"

    return (
        f"{name} mean over {len(results)}: accuracy {spread([r.accuracy for r in results])}, "
        f"macro_f1 {spread([r.macro_f1 for r in results])}; baseline accuracy {spread([b[0] for b in bases])}, "
        f"macro_f1 {spread([b[1] for b in bases])}"
    )


def calibrate(dataset, args):
    """Coverage and precision per threshold, over the out-of-fold scores of each seed pooled."""
    import numpy as np

    pooled_scores, pooled_labels = [], []
    for seed in args.seeds:
        pooled_scores.append(training.out_of_fold_scores(dataset, max(args.folds, 2), seed))
        pooled_labels.append(dataset.labels)
    scores_, labels = np.vstack(pooled_scores), np.concatenate(pooled_labels)
    top = scores_.argmax(axis=1)
    print(f"out-of-fold top-1 accuracy {float((top == labels).mean()):.4f} over {len(labels)} scored messages")
    print("threshold  coverage  precision  | top-two shown: coverage  contains the right class")
    for row in training.calibration_table(scores_, labels, np.arange(0.40, 0.96, 0.05)):
        print(
            f"  {row.threshold:.2f}     {row.coverage:6.1%}    {row.precision:6.1%}    |"
            f"                {row.pair_coverage:6.1%}   {row.pair_precision:6.1%}",
            flush=True,
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--datasets", help="shared/datasets folder (default: ../shared/datasets)")
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    parser.add_argument("--folds", type=int, default=5, help="k of the k-fold run (0: none)")
    parser.add_argument("--calibrate", action="store_true", help="precision and coverage per confidence threshold")
    args = parser.parse_args()
    try:
        dataset = training.load_dataset(args.datasets)
    except data.DatasetError as error:
        sys.exit(f"跳过：{error}")
    print(
        f"labelled {len(dataset.texts)} after removing {dataset.dropped_duplicates} near-duplicates "
        f"({dataset.dropped_conflicts} groups with conflicting labels dropped whole)",
        flush=True,
    )
    if args.calibrate:
        return calibrate(dataset, args)
    held, held_base = [], []
    for seed in args.seeds:
        train_index, test_index = training.held_out_split(dataset, seed=seed)
        result = training.evaluate_split(dataset, train_index, test_index, seed)
        base = baseline(dataset, train_index, test_index)
        held.append(result)
        held_base.append(base)
        print(line(f"held-out 80/20 seed {seed}", result, base), flush=True)
    print(summary("held-out", held, held_base), flush=True)
    if args.folds:
        folded, folded_base = [], []
        for number, (train_index, test_index) in enumerate(training.folds(dataset, args.folds, args.seeds[0]), 1):
            result = training.evaluate_split(dataset, train_index, test_index, args.seeds[0])
            base = baseline(dataset, train_index, test_index)
            folded.append(result)
            folded_base.append(base)
            print(line(f"fold {number}/{args.folds}", result, base), flush=True)
        print(summary(f"{args.folds}-fold", folded, folded_base), flush=True)


if __name__ == "__main__":
    main()
