"""Training from the shared data set, and measuring on messages the model has not seen.

The labelled messages are deduplicated first (:func:`data.dedupe`), so a message and its
resent or edited copy never sit on both sides of a split.
"""

import time
from dataclasses import dataclass

import numpy as np
from sklearn.model_selection import StratifiedKFold, train_test_split

from . import data
from .model import RoutingModel, scores, selective, top_two_accuracy


@dataclass
class Dataset:
    texts: list[str]
    labels: np.ndarray
    dropped_duplicates: int = 0
    dropped_conflicts: int = 0


def load_dataset(path=None, deduplicate=True) -> Dataset:
    """The deduplicated labelled messages of the shared data set; DatasetError when absent."""
    labelled = data.load_labelled_dataset(path, deduplicate)
    return Dataset(
        labelled.texts,
        np.asarray(labelled.labels, dtype=int),
        labelled.dropped_duplicates,
        labelled.dropped_conflicts,
    )


def train(dataset: Dataset, seed=0) -> RoutingModel:
    return RoutingModel.train(dataset.texts, dataset.labels, seed=seed)


@dataclass
class FoldResult:
    accuracy: float
    macro_f1: float
    train_seconds: float
    predict_ms_per_message: float
    test_size: int
    selective_accuracy: float = float("nan")  # accuracy on the messages scored at or above ``threshold``
    coverage: float = 0.0  # their share
    threshold: float = 1.0
    top_two: float = float("nan")  # share with the right class among the best two
    most_sure_70: float = float("nan")  # accuracy on the 70 % of messages the model is most sure of


def evaluate_split(dataset, train_index, test_index, seed=0, threshold=1.0, extra=None) -> FoldResult:
    """Train on ``train_index`` (plus ``extra`` = (texts, labels), e.g. staff corrections), measure on
    ``test_index``; predictions one message at a time, as on submission."""
    started = time.perf_counter()
    texts, labels = [dataset.texts[i] for i in train_index], list(dataset.labels[train_index])
    if extra is not None:
        texts, labels = texts + list(extra[0]), labels + list(extra[1])
    model = RoutingModel.train(texts, labels, seed=seed)
    train_seconds = time.perf_counter() - started
    test_texts = [dataset.texts[i] for i in test_index]
    started = time.perf_counter()
    probabilities = np.vstack([model.predict_proba([text]) for text in test_texts])
    predict_ms = (time.perf_counter() - started) * 1000 / max(len(test_texts), 1)
    true = dataset.labels[test_index]
    accuracy, macro_f1 = scores(true, probabilities.argmax(axis=1))
    chosen, coverage = selective(probabilities, true, threshold)
    return FoldResult(
        accuracy,
        macro_f1,
        train_seconds,
        predict_ms,
        len(test_index),
        chosen,
        coverage,
        threshold,
        top_two_accuracy(probabilities, true),
        most_sure(probabilities, true, 0.7)[0],
    )


def held_out_split(dataset, test_size=0.2, seed=0):
    """Stratified train/test indexes of the (already deduplicated) labelled messages."""
    indexes = np.arange(len(dataset.texts))
    return train_test_split(indexes, test_size=test_size, random_state=seed, stratify=dataset.labels)


def folds(dataset, k=5, seed=0):
    return StratifiedKFold(k, shuffle=True, random_state=seed).split(dataset.texts, dataset.labels)


def out_of_fold_scores(dataset, k=5, seed=0) -> np.ndarray:
    """Each message's class scores from a model trained on the other folds (held-out, for calibration)."""
    full = np.zeros((len(dataset.texts), len(data.LABELS)))
    for train_index, test_index in folds(dataset, k, seed):
        model = RoutingModel.train([dataset.texts[i] for i in train_index], dataset.labels[train_index], seed=seed)
        full[test_index] = model.predict_proba([dataset.texts[i] for i in test_index])
    return full


@dataclass
class ThresholdRow:
    threshold: float
    coverage: float  # share of messages that get a suggestion
    precision: float  # share of those suggestions that are right
    pair_coverage: float  # share that get the top two instead (top one below, both together at or above)
    pair_precision: float  # share of those pairs that contain the right class


def threshold_for(scores, labels, target=0.99) -> float:
    """The lowest confidence threshold at which suggestions shown alone are right at least ``target`` of the time
    on held-out ``scores`` (the largest such share of messages); 1.0 when none is."""
    labels = np.asarray(labels)
    top = scores.max(axis=1)
    order = np.argsort(-top, kind="stable")
    right = (scores.argmax(axis=1) == labels)[order]
    running = np.cumsum(right) / np.arange(1, len(labels) + 1)
    good = running >= target
    if not good.any():
        return 1.0
    return float(top[order][np.nonzero(good)[0].max()])


def most_sure(scores, labels, share=0.7) -> tuple[float, float]:
    """Accuracy on the ``share`` of messages the model is most sure of, and the confidence of the last of them."""
    labels = np.asarray(labels)
    top = scores.max(axis=1)
    order = np.argsort(-top, kind="stable")[: max(1, int(np.ceil(share * len(labels))))]
    return float((scores[order].argmax(axis=1) == labels[order]).mean()), float(top[order[-1]])


def calibration_table(scores, labels, thresholds) -> list[ThresholdRow]:
    """Precision and coverage of suggestions shown at each confidence threshold, on held-out ``scores``."""
    labels = np.asarray(labels)
    order = np.argsort(-scores, axis=1)
    top, second = order[:, 0], order[:, 1]
    rows = np.arange(len(labels))
    top_score, pair_score = scores[rows, top], scores[rows, top] + scores[rows, second]
    table = []
    for threshold in thresholds:
        single = top_score >= threshold
        pair = ~single & (pair_score >= threshold)
        in_pair = (labels == top) | (labels == second)
        table.append(
            ThresholdRow(
                float(threshold),
                float(single.mean()),
                float((labels[single] == top[single]).mean()) if single.any() else float("nan"),
                float(pair.mean()),
                float(in_pair[pair].mean()) if pair.any() else float("nan"),
            )
        )
    return table
