"""Smart routing (智能分拨): a classifier suggests the category, and so the unit, of each new request.

- ``text``: normalising and tokenising messages; ``data``: reading the labelled data set, near-duplicates.
- ``model``: the classifier; ``training``: training from the data set and honest held-out evaluation.
- ``predictor``: where the model file lives, one loaded copy per process.
- ``suggestions``: ``suggest_categories(title, details)`` (the best two); ``adopt``: which suggestions staff
  see (one alone at or above the calibrated ``ROUTING_SUGGEST_MIN_CONFIDENCE``, else the top two) and adopting one.
- ``corrections``: staff decisions (adopted, overridden) kept as training data for ``manage.py train_routing``.
- Suggestions are computed in the task worker (``resident_requests.tasks.suggest_routing``), never in a web worker.

Staff always confirm or change the suggestion; the resident's chosen category decides the unit at first.
"""

from .suggestions import suggest_category

__all__ = ["suggest_category"]
