"""Residents' personal data in requests: anonymised once the case is closed (on the resident's wish, or
by the retention job through the ``townsquare_personal_data`` hook). The request itself, its public
answer and everything the statistics count stay."""

from django.db.models import Max
from django.db.models.functions import Coalesce

from townsquare.core import notify
from townsquare.core.privacy import mask_text
from townsquare.privacy.retention import ERASED_NAME

from .models import OPEN_STATUSES, RequestEvent, ResidentRequest

# What the resident wrote (and may have put a phone or ID number in); staff notes and answers stay as they are.
RESIDENT_TEXT_EVENTS = (RequestEvent.Action.SUBMITTED, RequestEvent.Action.INFO_ADDED)


def is_anonymised(resident_request):
    return resident_request.contact_name == ERASED_NAME


def anonymise(resident_request):
    """Drop the name and contacts; mask ID numbers, phones and e-mails in what the resident wrote."""
    names = (resident_request.contact_name,) if not is_anonymised(resident_request) else ()
    title_length = ResidentRequest._meta.get_field("title").max_length
    resident_request.title = mask_text(resident_request.title, names=names)[:title_length]
    resident_request.details = mask_text(resident_request.details, names=names)
    resident_request.contact_name = ERASED_NAME
    resident_request.contact_phone = ""
    resident_request.contact_email = ""
    resident_request.save(update_fields=["title", "details", "contact_name", "contact_phone", "contact_email"])
    notify.forget(resident_request)
    for event in resident_request.events.filter(action__in=RESIDENT_TEXT_EVENTS).exclude(note=""):
        event.note = mask_text(event.note, names=names)
        event.save(update_fields=["note"])
    # 我也遇到了 carry no contact, but their free text may hold a number.
    for me_too in resident_request.me_toos.exclude(details=""):
        me_too.details = mask_text(me_too.details)
        me_too.save(update_fields=["details"])


def anonymise_closed(before):
    """Anonymise requests closed (last handled) before ``before``; returns how many."""
    closed = (
        ResidentRequest.objects.exclude(status__in=OPEN_STATUSES)
        .exclude(contact_name=ERASED_NAME)
        .annotate(closed_at=Coalesce(Max("events__at"), "answered_at", "received_at"))
        .filter(closed_at__lt=before)
    )
    count = 0
    for resident_request in closed:
        anonymise(resident_request)
        count += 1
    return count
