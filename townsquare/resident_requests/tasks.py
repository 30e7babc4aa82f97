"""Background work: smart routing's suggestion for a new request, computed in the task worker.

The classifier (scikit-learn) and jieba's default dictionary cost a web worker about 200 MB; a resident
submitting 我要留言 does not need the suggestion, only staff do, later. ``handling.submit`` enqueues
:func:`suggest_routing` with the request (with the database backend, the task is stored in the same
transaction); staff see the suggestion on the request once the worker has computed it, seconds later.
"""

import logging

from django_tasks import task

logger = logging.getLogger(__name__)


@task()
def suggest_routing(request_id):
    """Store the routing suggestion of request ``request_id``; True when one was stored.

    Nothing is overwritten: a request that already has a suggestion (stored by the demo or a task that ran
    twice) or that staff already moved on (no longer 待受理) keeps what it has.
    """
    from .models import ResidentRequest, Status
    from .routing.suggestions import suggest_categories

    request = ResidentRequest.objects.filter(pk=request_id).only("pk", "title", "details", "status").first()
    if request is None or request.status != Status.SUBMITTED:
        return False
    try:
        found = suggest_categories(request.title, request.details)
    except Exception:  # a help for staff: the request stands without it
        logger.exception("routing suggestion failed; the request is stored without one")
        return False
    if not found:
        return False
    fields = {"suggested_category": found[0][0], "suggestion_score": found[0][1]}
    if len(found) > 1:
        fields.update(runner_up_category=found[1][0], runner_up_score=found[1][1])
    stored = ResidentRequest.objects.filter(
        pk=request_id, status=Status.SUBMITTED, suggested_category__isnull=True
    ).update(**fields)
    return bool(stored)
