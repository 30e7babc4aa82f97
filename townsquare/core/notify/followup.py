"""回访: "问题解决了吗？" a week after an answer, rated once through a signed link (no login)."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from townsquare.core.models import FollowupRating

SALT = "townsquare.notify.followup"


class AlreadyRated(Exception):
    pass


def token(case_type_id, case_id):
    return signing.dumps([case_type_id, case_id], salt=SALT)


def link(case_type_id, case_id):
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    return base + reverse("notify:followup", args=[token(case_type_id, case_id)])


def read(value):
    """(ContentType, case id) from a link, or None when it was altered or is too old."""
    try:
        type_id, case_id = signing.loads(value, salt=SALT, max_age=settings.NOTIFY_FOLLOWUP_LINK_DAYS * 86400)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    case_type = ContentType.objects.filter(pk=type_id).first()
    return (case_type, case_id) if case_type else None


def rating_of(case):
    case_type = ContentType.objects.get_for_model(case)
    return FollowupRating.objects.filter(case_type=case_type, case_id=case.pk).first()


def rate(case_type, case_id, outcome, comment="", reference="", now=None):
    """Store the resident's answer; AlreadyRated when this case was rated before (one rating per case)."""
    if outcome not in FollowupRating.Outcome.values:
        raise ValueError(outcome)
    try:
        with transaction.atomic():
            return FollowupRating.objects.create(
                case_type=case_type,
                case_id=case_id,
                reference=reference,
                outcome=outcome,
                comment=comment.strip()[:500],
                rated_at=now or timezone.now(),
            )
    except IntegrityError as error:
        raise AlreadyRated from error


def messages_of(case):
    """The delivery log of one case, oldest first (for staff on the case's admin page)."""
    from townsquare.core.models import Delivery

    case_type = ContentType.objects.get_for_model(case)
    return Delivery.objects.filter(case_type=case_type, case_id=case.pk).order_by("created_at", "pk")
