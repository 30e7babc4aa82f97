"""Applicants' personal data in closed applications: anonymised by the retention job through the
``townsquare_personal_data`` hook (privacy app). The application, its decision and every count stay;
the proof of identity is deleted; the 告知书 files (which name the applicant) are deleted too."""

from django.db import transaction
from django.db.models import Max
from django.db.models.functions import Coalesce

from townsquare.core import notify
from townsquare.core.privacy import mask_text
from townsquare.privacy.retention import ERASED_NAME

from .models import OPEN_STATUSES, Application


def is_anonymised(application):
    return application.name == ERASED_NAME


@transaction.atomic
def anonymise(application):
    names = () if is_anonymised(application) else (application.name,)
    application.description = mask_text(application.description, names=names)
    application.correction_answer = mask_text(application.correction_answer, names=names)
    application.name = ERASED_NAME
    for field in ("id_number", "representative", "contact_person", "phone", "address", "postcode", "email"):
        setattr(application, field, "")
    if application.id_proof:
        application.id_proof.delete(save=False)
    application.save()
    notify.forget(application)
    for notice in application.notices.exclude(pdf=""):
        notice.pdf.delete(save=False)
        notice.emailed_to = ""
        notice.save(update_fields=["pdf", "emailed_to"])


def anonymise_closed(before):
    """Anonymise applications closed (last handled) before ``before``; returns how many."""
    closed = (
        Application.objects.exclude(status__in=OPEN_STATUSES)
        .exclude(name=ERASED_NAME)
        .annotate(closed_at=Coalesce(Max("events__at"), "decided_at"))
        .filter(closed_at__lt=before)
    )
    count = 0
    for application in closed:
        anonymise(application)
        count += 1
    return count
