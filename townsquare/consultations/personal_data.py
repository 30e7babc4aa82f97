"""Commenters' names and contacts are kept while a consultation is worked on, then erased (the comments,
their answers and the counts stay): hook ``townsquare_personal_data``."""

from townsquare.privacy.retention import ERASED_NAME

from .models import Comment


def anonymise_closed(before):
    """Erase the commenters' names and contacts of consultations closed before ``before``."""
    rows = Comment.objects.filter(consultation__closes_at__lt=before).exclude(name=ERASED_NAME, phone="", email="")
    return rows.update(name=ERASED_NAME, phone="", email="")
