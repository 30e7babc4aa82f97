"""From a resident's message to suggested categories (and so units) for staff to confirm or change."""

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


def _category_for(label, categories, text):
    """The active category of a model class for this text, and the share of the class's score it gets.

    The model scores the 7 classes, not categories: within the class, the category whose keywords
    occur most is picked (else the first in sort order). Its share is its keyword hits over those of
    all the class's categories plus the most hits of any category outside the class (each category
    counts 1 when none of the class's keywords occur). A guess between several categories, or keywords
    that point to another class, so lowers the confidence instead of showing the class's score as
    the category's. ``(None, 0)`` when no active category carries the class.
    """
    candidates = [category for category in categories if category.routing_label == label]
    if not candidates:
        return None, 0.0
    hits = {category.pk: _keyword_hits(category, text) for category in categories}
    weights = [hits[category.pk] for category in candidates]
    if not any(weights):
        weights = [1] * len(candidates)
    best = max(range(len(candidates)), key=lambda i: (weights[i], -i))
    outside = max((hits[c.pk] for c in categories if c.routing_label != label), default=0)
    return candidates[best], weights[best] / (sum(weights) + outside)


def suggest_categories(title, details, count=2):
    """Up to ``count`` ``(category, score)`` pairs for a message, best first; ``[]`` when none; never raises.

    With a trained model each of the two best classes picks an active category of that ``routing_label``
    (:func:`_category_for`); the score is the model's confidence in the class (0–1) times the category's
    share of it. Without a model (or when no category carries the best class)
    the category whose keywords occur most in the text is suggested alone, score None. Whether staff
    see a suggestion is decided later, against the calibrated threshold (``adopt.shown_suggestions``).
    """
    try:
        from ..models import Category

        text = join_title(title, details)
        if not text:
            return []
        categories = list(Category.objects.filter(active=True).order_by("sort_order", "id"))
        if not categories:
            return []
        model = get_model()
        if model is not None:
            found = []
            for label, score in model.ranked(title, details)[:count]:
                category, share = _category_for(label, categories, text)
                if category is not None and category not in [chosen for chosen, _ in found]:
                    found.append((category, round(score * share, 4)))
            found.sort(key=lambda pair: -pair[1])
            if found:
                return found
        best = _best_by_keywords(categories, text)
        return [(best, None)] if best is not None else []
    except Exception:  # a suggestion helps staff; it is never a reason for a submission to fail
        logger.exception("routing suggestion failed")
        return []


def suggest_category(title, details):
    """The best ``(category, score)`` of :func:`suggest_categories`, or ``(None, None)``."""
    found = suggest_categories(title, details, count=1)
    return found[0] if found else (None, None)
