"""Smart routing (智能分拨): a classifier suggests the category, and so the unit, of each new request.

- ``text``: normalising and tokenising messages; ``data``: reading the labelled data set, near-duplicates.
- ``model``: the classifier; ``training``: training from the data set and honest held-out evaluation.
- ``predictor``: where the model file lives, one loaded copy per process.
- ``suggestions``: ``suggest_category(title, details)``; ``adopt``: staff adopting a suggestion.

Staff always confirm or change the suggestion; the resident's chosen category decides the unit at first.
"""

from .suggestions import suggest_category

__all__ = ["suggest_category"]
