"""Staff decisions as training data: adopted and overridden suggestions (``RoutingCorrection``).

Every time staff settle a request's category — adopting a suggestion (``adopt``), accepting the request
where it is (``handling.accept``), or moving it to another category (``handling.transfer``) — the class
of that category is recorded against the class the model suggested: *adopted* when they agree,
*overridden* when they do not (*unsuggested* when the model made none: no model yet, or keywords only).
A category without a ``routing_label`` teaches nothing and is skipped.

``manage.py train_routing`` adds these messages to the labelled data set (:func:`with_corrections`):
a staff decision wins over a near-duplicate of the same message in the data set.
"""

import numpy as np
from django.utils import timezone

from . import data
from .text import join_title


def record_decision(request, category, actor=None, now=None):
    """Remember that staff put ``request`` in ``category``; returns the correction or None."""
    from ..models import RoutingCorrection

    label = category.routing_label if category is not None else ""
    if label not in data.LABELS:
        return None
    suggested = request.suggested_category
    suggested_label = suggested.routing_label if suggested is not None and request.suggestion_score is not None else ""
    Kind = RoutingCorrection.Kind
    kind = Kind.UNSUGGESTED if not suggested_label else Kind.ADOPTED if suggested_label == label else Kind.OVERRIDDEN
    correction, _ = RoutingCorrection.objects.update_or_create(
        request=request,
        defaults={
            "label": label,
            "suggested_label": suggested_label,
            "kind": kind,
            "actor": actor,
            "at": now or timezone.now(),
        },
    )
    return correction


def examples(corrections=None) -> tuple[list[str], list[int]]:
    """The normalised texts and label indexes of the staff corrections (all, or those given)."""
    from ..models import RoutingCorrection

    if corrections is None:
        corrections = RoutingCorrection.objects.select_related("request").order_by("pk")
    texts, labels = [], []
    for correction in corrections:
        text = join_title(correction.request.title, correction.request.details)
        if text and correction.label in data.LABELS:
            texts.append(text)
            labels.append(data.LABELS.index(correction.label))
    return texts, labels


def with_corrections(dataset, texts, labels):
    """``dataset`` (a ``training.Dataset``) plus the corrections; data set messages that are near-duplicates
    of a correction are dropped, so the staff's decision is the one the model learns."""
    from .training import Dataset

    if not texts:
        return dataset
    groups = data.duplicate_groups(list(texts) + list(dataset.texts))
    corrected = set(groups[: len(texts)].tolist())
    keep = [i for i, group in enumerate(groups[len(texts) :].tolist()) if group not in corrected]
    return Dataset(
        [dataset.texts[i] for i in keep] + list(texts),
        np.concatenate([np.asarray(dataset.labels)[keep], np.asarray(labels, dtype=int)]).astype(int),
        dataset.dropped_duplicates + len(dataset.texts) - len(keep),
        dataset.dropped_conflicts,
    )
