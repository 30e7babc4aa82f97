"""我也遇到了: a resident with the same problem as a public request joins it instead of writing a new one.

Each press is one ``MeToo`` row (its submission key makes a resent form the same row) and adds one
to ``ResidentRequest.me_too_count``, which the public page, the lists and the hot topics read.
A request merged into another passes the resident on to its main case when that one is public.
"""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from .models import MeToo, ResidentRequest, Status
from .public import PUBLIC_STATUSES, is_public


def target(resident_request):
    """The request a 我也遇到了 on ``resident_request`` counts for, or None when it may not be joined."""
    if resident_request is None or not is_public(resident_request):
        return None
    if resident_request.status == Status.MERGED:
        main = resident_request.merged_into
        return main if main is not None and is_public(main) and main.status != Status.MERGED else None
    return resident_request if resident_request.status in PUBLIC_STATUSES else None


def add(resident_request, submission_key, details="", now=None):
    """Count one more resident on ``resident_request``; (row, created). The same key twice is one row."""
    existing = MeToo.objects.filter(submission_key=submission_key).first()
    if existing is not None:
        return existing, False
    try:
        with transaction.atomic():
            row = MeToo.objects.create(
                request=resident_request,
                submission_key=submission_key,
                details=details,
                created_at=now or timezone.now(),
            )
            ResidentRequest.objects.filter(pk=resident_request.pk).update(me_too_count=F("me_too_count") + 1)
    except IntegrityError:  # the same form sent twice at once: the other one was stored
        return MeToo.objects.get(submission_key=submission_key), False
    return row, True
