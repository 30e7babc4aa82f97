"""Training from the shared data set, and measuring on messages the model has not seen.

The labelled messages are deduplicated first (:func:`data.dedupe`), so a message and its
resent or edited copy never sit on both sides of a split.
"""

import time
from dataclasses import dataclass

import numpy as np
from sklearn.model_selection import StratifiedKFold, train_test_split

from . import data
from .model import RoutingModel, scores


@dataclass
class Dataset:
    texts: list[str]
    labels: np.ndarray
    dropped_duplicates: int = 0
    dropped_conflicts: int = 0


def load_dataset(path=None) -> Dataset:
    """The deduplicated labelled messages of the shared data set; DatasetError when absent."""
    labelled = data.load_labelled_dataset(path)
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


def evaluate_split(dataset, train_index, test_index, seed=0) -> FoldResult:
    """Train on ``train_index``, measure on ``test_index``; predictions one message at a time, as on submission."""
    started = time.perf_counter()
    model = RoutingModel.train([dataset.texts[i] for i in train_index], dataset.labels[train_index], seed=seed)
    train_seconds = time.perf_counter() - started
    test_texts = [dataset.texts[i] for i in test_index]
    started = time.perf_counter()
    predicted = [int(model.predict([text])[0]) for text in test_texts]
    predict_ms = (time.perf_counter() - started) * 1000 / max(len(test_texts), 1)
    accuracy, macro_f1 = scores(dataset.labels[test_index], predicted)
    return FoldResult(accuracy, macro_f1, train_seconds, predict_ms, len(test_index))


def held_out_split(dataset, test_size=0.2, seed=0):
    """Stratified train/test indexes of the (already deduplicated) labelled messages."""
    indexes = np.arange(len(dataset.texts))
    return train_test_split(indexes, test_size=test_size, random_state=seed, stratify=dataset.labels)


def folds(dataset, k=5, seed=0):
    return StratifiedKFold(k, shuffle=True, random_state=seed).split(dataset.texts, dataset.labels)
