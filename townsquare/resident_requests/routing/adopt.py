"""Staff adopting the routing suggestion (采纳智能分拨建议) with one click.

When the suggested category belongs to another unit this is a transfer (转办) through
``handling.transfer``; when the unit stays the same only the category changes, recorded
as an internal note in the timeline.
"""

from django.db import transaction

from .. import handling
from ..handling import HandlingError
from ..models import Status

ADOPT_REASON = "按智能分拨建议改派"
ADOPTABLE_STATUSES = (Status.SUBMITTED, Status.ACCEPTED)


def can_adopt(request):
    """Whether the request has a suggestion that differs from where it is, and may still be moved."""
    suggested = request.suggested_category
    return (
        suggested is not None
        and request.status in ADOPTABLE_STATUSES
        and (suggested.pk != request.category_id or suggested.unit_id != request.unit_id)
    )


@transaction.atomic
def adopt_suggestion(request, actor, by_county=False, now=None):
    """Move the request to its suggested category (and that category's unit); returns the request."""
    suggested = request.suggested_category
    if suggested is None:
        raise HandlingError("这条留言没有智能分拨建议。")
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
    return request
