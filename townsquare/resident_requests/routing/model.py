"""The routing classifier: which of the 7 first-level classes (:data:`data.LABELS`) a message belongs to.

Features are two TF-IDF blocks side by side: jieba words, and single characters plus character
bigrams (they catch what jieba splits badly: place names, new words, typos). A linear SVM
separates the classes; sigmoid calibration over cross-validation folds turns its margins into
scores between 0 and 1 that staff can read as confidence.

Measured and left out (5-fold accuracy on the deduplicated labelled messages, seed 0): word bigrams
(words alone 0.856, with bigrams 0.828); character trigrams (words + bigrams 0.865, adding trigrams 0.860);
IDF over the 7,142 unlabelled messages of attachments 3 and 4 (0.856 either way); self-training on them
with pseudo-labels (0.842 against 0.865: worse); logistic regression or complement naive Bayes on words
(0.843, 0.842 against the SVM's 0.856). Words + characters 1-2 reach 0.876.

For the confidence (5 folds grouped by near-duplicate, seed 0; share right on the 70 % most sure / largest
share right 99 % of the time): these calibrated scores 0.958 / 0.28; the uncalibrated SVM's top score
0.932 / 0.28; its margin between the first two classes 0.955 / 0.37 (seed 1: 0.956 / 0.38 against
0.960 / 0.30); logistic regression (C 20) 0.937 / 0.31; temperature-scaled SVM scores 0.934–0.947 /
0.27–0.32; abstaining when the SVM and logistic regression disagree: no gain (they agree on 97.5 %).
None comes near 0.99 on 70 %: the labels themselves disagree between 城乡建设, 商贸旅游, 交通运输 and 环境保护.
"""

import time

import numpy as np
import sklearn
from sklearn.calibration import CalibratedClassifierCV
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import accuracy_score, f1_score
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.svm import LinearSVC

from .data import LABELS
from .text import chars, join_title, normalize_text, tokenize

# Bumped when the saved file's layout changes; an older file is then ignored (retrain).
MODEL_FORMAT = 1


def build_features():
    return FeatureUnion(
        [
            ("words", TfidfVectorizer(analyzer=tokenize, sublinear_tf=True)),
            ("chars", TfidfVectorizer(analyzer="char", preprocessor=chars, ngram_range=(1, 2), sublinear_tf=True)),
        ]
    )


def build_classifier(labels, seed=0):
    """A linear SVM calibrated over (up to) 3 folds; each class needs at least 2 messages."""
    smallest = int(np.bincount(labels)[np.unique(labels)].min())
    if smallest < 2:
        raise ValueError("每一类至少需要 2 条带类别的留言才能训练。")
    return CalibratedClassifierCV(LinearSVC(random_state=seed), method="sigmoid", cv=min(3, smallest), ensemble=False)


class RoutingModel:
    """A fitted pipeline plus what it was trained on (counts, versions, the training texts for overlap checks)."""

    def __init__(self, pipeline, info=None, training_texts=()):
        self.pipeline = pipeline
        self.info = dict(info or {})
        self.training_texts = list(training_texts)

    @classmethod
    def train(cls, texts, labels, seed=0):
        """Fit on normalised ``texts`` with label indexes ``labels``."""
        started = time.perf_counter()
        labels = np.asarray(labels, dtype=int)
        pipeline = Pipeline([("features", build_features()), ("classifier", build_classifier(labels, seed))])
        pipeline.fit(list(texts), labels)
        info = {
            "format": MODEL_FORMAT,
            "sklearn": sklearn.__version__,
            "labels": list(LABELS),
            "labelled": len(texts),
            "class_counts": np.bincount(labels, minlength=len(LABELS)).tolist(),
            "seed": seed,
            "train_seconds": round(time.perf_counter() - started, 1),
        }
        return cls(pipeline, info, training_texts=texts)

    def predict_proba(self, texts) -> np.ndarray:
        """One row per text, one column per class of :data:`LABELS` (classes never seen in training score 0)."""
        scores = self.pipeline.predict_proba([normalize_text(text) for text in texts])
        full = np.zeros((len(texts), len(LABELS)))
        full[:, self.pipeline.classes_] = scores
        return full

    def predict(self, texts) -> np.ndarray:
        return self.predict_proba(texts).argmax(axis=1)

    def ranked(self, title, details) -> list[tuple[str, float]]:
        """Every class name with its score for one message, best first; ``[]`` for an empty message."""
        text = join_title(title, details)
        if not text:
            return []
        scores = self.predict_proba([text])[0]
        return [(LABELS[index], float(scores[index])) for index in np.argsort(-scores, kind="stable")]

    def save(self, path):
        import joblib

        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(path.name + ".partial")
        joblib.dump(
            {"info": self.info, "pipeline": self.pipeline, "training_texts": self.training_texts},
            partial,
            compress=3,
        )
        partial.replace(path)  # readers never see half a file

    @classmethod
    def load(cls, path):
        """The saved model; ValueError when the file is of another format or scikit-learn version."""
        import joblib

        stored = joblib.load(path)
        info = stored.get("info", {}) if isinstance(stored, dict) else {}
        if info.get("format") != MODEL_FORMAT or info.get("sklearn") != sklearn.__version__:
            raise ValueError(
                f"model file format {info.get('format')} / scikit-learn {info.get('sklearn')}, "
                f"expected {MODEL_FORMAT} / {sklearn.__version__}"
            )
        return cls(stored["pipeline"], info, stored.get("training_texts", ()))


def scores(true, predicted) -> tuple[float, float]:
    """Accuracy and macro-F1 (over the classes that occur in either list)."""
    return float(accuracy_score(true, predicted)), float(f1_score(true, predicted, average="macro", zero_division=0))


def score_line(accuracy, macro_f1) -> str:
    return f"accuracy={accuracy:.4f} macro_f1={macro_f1:.4f}"


def selective(scores, true, threshold) -> tuple[float, float]:
    """Accuracy on the messages whose best class scores at least ``threshold`` (nan when none), and their share."""
    scores, true = np.asarray(scores), np.asarray(true)
    confident = scores.max(axis=1) >= threshold
    if not confident.any():
        return float("nan"), 0.0
    return float((scores[confident].argmax(axis=1) == true[confident]).mean()), float(confident.mean())


def top_two_accuracy(scores, true) -> float:
    """How often the right class is one of the two best."""
    best_two = np.argsort(-np.asarray(scores), axis=1, kind="stable")[:, :2]
    return float((best_two == np.asarray(true)[:, None]).any(axis=1).mean())


def selective_line(accuracy, coverage, threshold) -> str:
    return f"selective_accuracy={accuracy:.4f} coverage={coverage:.4f} threshold={threshold:.2f}"
