"""Residents' contacts in the listings they posted: anonymised by the retention job (hook
``townsquare_personal_data``) once the listing is long off the lists. Units' own listings keep
their public contacts."""

from django.db.models import Q

from .models import LISTING_MODELS
from .models.base import Source, Status


def anonymise_closed(before):
    """Clear the contacts of residents' listings expired, rejected or taken down before ``before``."""
    closed = Q(expires_at__lt=before) | Q(status__in=(Status.REJECTED, Status.TAKEN_DOWN), updated_at__lt=before)
    count = 0
    for model in LISTING_MODELS.values():
        rows = model.objects.filter(closed, source=Source.PUBLIC)
        rows = rows.exclude(contact_name="", contact_phone="", contact_email="")
        count += rows.update(contact_name="", contact_phone="", contact_email="")
    return count
