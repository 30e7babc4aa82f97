"""Residents' names and contacts in their interview questions: anonymised by the retention job (hook
``townsquare_personal_data``) once the interview ended long enough ago. The questions themselves stay."""

from townsquare.privacy.retention import ERASED_NAME

from .models import Question


def anonymise_closed(before):
    """Clear askers' names and contacts of interviews that ended before ``before``."""
    rows = Question.objects.filter(interview__ends_at__lt=before).exclude(name=ERASED_NAME, phone="", email="")
    return rows.update(name=ERASED_NAME, phone="", email="")
