"""How long personal data and staff logs are kept.

Each app that stores residents' names, contacts or ID numbers owns its rule: it registers
``anonymise_closed(before)`` with the Wagtail hook ``townsquare_personal_data``; the function
anonymises the cases of that app closed before ``before`` (public answers and statistics
stay) and returns how many it changed. ``anonymise_expired`` calls each one with the cut-off
of ``PERSONAL_DATA_RETENTION_DAYS``.
"""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from wagtail import hooks

from .models import PersonalDataAccess

HOOK = "townsquare_personal_data"
# What stands in a required name field once the name is gone.
ERASED_NAME = "（已删除）"


def anonymise_expired(now=None):
    """Anonymise every app's cases closed longer than the retention period ago; returns the total count."""
    before = (now or timezone.now()) - timedelta(days=settings.PERSONAL_DATA_RETENTION_DAYS)
    return sum(anonymise_closed(before) for anonymise_closed in hooks.get_hooks(HOOK))


def delete_old_access_logs(now=None):
    """Delete access log rows older than STAFF_LOG_RETENTION_DAYS (never younger ones); returns the count."""
    before = (now or timezone.now()) - timedelta(days=settings.STAFF_LOG_RETENTION_DAYS)
    deleted, _ = PersonalDataAccess.objects.filter(at__lt=before).delete()
    return deleted
