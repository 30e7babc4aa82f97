"""From a resident's message to a suggested category (and so a unit) for staff to confirm or change."""

import logging

from .predictor import get_model
from .text import join_title, normalize_text

logger = logging.getLogger(__name__)


def _keyword_hits(category, text):
    """How many of the category's keywords (space separated) occur in the normalised text."""
    return sum(1 for word in normalize_text(category.keywords).split() if word in text)


def _best_by_keywords(categories, text):
    """The category with most keyword hits (ties: the first in sort order), or None without any hit."""
    best, best_hits = None, 0
    for category in categories:
        hits = _keyword_hits(category, text)
        if hits > best_hits:
            best, best_hits = category, hits
    return best


def suggest_category(title, details):
    """``(category, score)`` suggested for a message, or ``(None, None)``; never raises.

    With a trained model the predicted class picks the active categories of that ``routing_label``:
    among several, the one whose keywords occur in the text, else the first in sort order; the
    score is the model's confidence (0–1). Without a model (or when no category carries the
    predicted class) the category whose keywords occur most in the text is suggested, score None.
    """
    try:
        from ..models import Category

        text = join_title(title, details)
        if not text:
            return None, None
        categories = list(Category.objects.filter(active=True).order_by("sort_order", "id"))
        if not categories:
            return None, None
        model = get_model()
        prediction = model.predict_one(title, details) if model is not None else None
        if prediction is not None:
            label, score = prediction
            candidates = [category for category in categories if category.routing_label == label]
            if candidates:
                return _best_by_keywords(candidates, text) or candidates[0], round(score, 4)
        return _best_by_keywords(categories, text), None
    except Exception:  # a suggestion helps staff; it is never a reason for a submission to fail
        logger.exception("routing suggestion failed")
        return None, None
