from datetime import timedelta

from django.utils import timezone

from townsquare.core.scheduling import periodic_job

from .models import LISTING_MODELS


def note_expired(now=None):
    """Mark listings that have expired since the last run, for the admin lists (they left the public lists
    at their expiry already: every list asks for ``live()``). Returns how many were marked."""
    now = now or timezone.now()
    marked = 0
    for model in LISTING_MODELS.values():
        marked += model.objects.expired(now).filter(expiry_noted_at__isnull=True).update(expiry_noted_at=now)
    return marked


@periodic_job("listings_note_expired", every=timedelta(hours=1), label="生活服务信息到期标记")
def listings_note_expired():
    return note_expired()
