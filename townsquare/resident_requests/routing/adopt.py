"""What staff see of the routing suggestion, and adopting it (采纳智能分拨建议).

One suggestion is shown alone only when the model is confident: at or above
``settings.ROUTING_SUGGEST_MIN_CONFIDENCE``, a threshold measured on held-out messages so that
confident suggestions are right about 99 times in 100 (``bench/routing_eval.py --calibrate``).
Below it the first two are shown and staff pick: the right class is one of the two far more often
than the first alone. A keyword match (no model) carries no score and is shown as such.

Adopting moves the request to the chosen suggested category. When it belongs to another unit this
is a transfer (转办) through ``handling.transfer``; when the unit stays the same only the category
changes, recorded as an internal note in the timeline.
"""

from django.conf import settings
from django.db import transaction

from .. import handling
from ..handling import HandlingError
from ..models import Status
from .corrections import record_decision

ADOPT_REASON = "按智能分拨建议改派"
ADOPTABLE_STATUSES = (Status.SUBMITTED, Status.ACCEPTED)


def shown_suggestions(request) -> list[tuple]:
    """The ``(category, score)`` suggestions staff should see, best first: one when confident, else the top two."""
    first, score = request.suggested_category, request.suggestion_score
    if first is None:
        return []
    if score is None:
        return [(first, None)]  # keywords, without a model
    threshold = settings.ROUTING_SUGGEST_MIN_CONFIDENCE
    second, second_score = request.runner_up_category, request.runner_up_score
    if score >= threshold:
        return [(first, score)]
    if second is not None and second_score is not None:
        return [(first, score), (second, second_score)]
    return []  # no second class to offer: a lone unsure guess is not shown


def _elsewhere(request, category):
    return category.pk != request.category_id or category.unit_id != request.unit_id


def adoptable(request) -> list:
    """The shown suggested categories that would move the request, when it may still be moved."""
    if request.status not in ADOPTABLE_STATUSES:
        return []
    return [category for category, _ in shown_suggestions(request) if _elsewhere(request, category)]


@transaction.atomic
def adopt_suggestion(request, actor, category=None, by_county=False, now=None):
    """Move the request to a shown suggested category (default: the first); returns the request."""
    shown = [suggested for suggested, _ in shown_suggestions(request)]
    if not shown:
        raise HandlingError("这条留言没有智能分拨建议。")
    suggested = category if category is not None else shown[0]
    if suggested not in shown:
        raise HandlingError("只能采纳页面上显示的智能分拨建议，请刷新页面后再试。")
    if request.status not in ADOPTABLE_STATUSES:
        raise HandlingError(f"这条留言现在是“{request.get_status_display()}”，不能改派。")
    if suggested.unit_id != request.unit_id:
        return handling.transfer(
            request, suggested.unit, ADOPT_REASON, actor, category=suggested, by_county=by_county, now=now
        )
    if suggested.pk == request.category_id:
        raise HandlingError("这条留言已经是建议的分类了。")
    before = request.category
    request.category = suggested
    request.save(update_fields=["category"])
    handling.add_note(request, f"按智能分拨建议，分类由“{before.name}”改为“{suggested.name}”。", actor, now=now)
    record_decision(request, suggested, actor, now)
    return request
