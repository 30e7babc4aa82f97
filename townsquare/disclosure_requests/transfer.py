"""转为依申请公开: a 我要留言 request that is really an application for disclosure becomes one, in one click.

The application carries the request's text and contacts, shares its query password (the resident uses the
same one), links both ways, and the request is answered with where the application can be followed. The
resident's e-mail (if any) gets the 告知 notice. resident_requests knows nothing of this app: the button is
offered through its ``townsquare_request_actions`` hook (wagtail_hooks.py).
"""

from django.db import transaction
from django.utils import timezone

from townsquare.resident_requests import handling as request_handling
from townsquare.resident_requests.models import Status as RequestStatus

from . import handling
from .forms import APPLYING_KINDS
from .models import ApplicantType, Application, Channel, Delivery, IdType, ProvisionForm

TRANSFERABLE = (RequestStatus.SUBMITTED, RequestStatus.ACCEPTED)


def can_transfer(resident_request):
    return (
        resident_request.status in TRANSFERABLE
        and not Application.objects.filter(from_message=resident_request).exists()
    )


def reply_text(application):
    return (
        "您反映的事项属于政府信息公开申请，已转为政府信息公开申请办理，申请编号"
        f"{application.tracking_number}，由{application.unit.name}自收到之日起20个工作日内答复。"
        "请在本网站“政府信息公开申请—申请查询”里，用这个申请编号和本留言的查询密码查看进度、补正和下载告知书。"
    )


@transaction.atomic
def from_message(resident_request, actor, now=None):
    """Create the application from the request and answer the request; returns the application."""
    now = now or timezone.now()
    if not can_transfer(resident_request):
        raise handling.HandlingError("这条留言已经办结或已经转为政府信息公开申请。")
    unit = resident_request.unit
    while unit.kind not in APPLYING_KINDS and unit.parent_id:  # a village's request goes to its town
        unit = unit.parent
    fields = {
        "unit": unit,
        "applicant_type": ApplicantType.PERSON,
        "name": resident_request.contact_name,
        "id_type": IdType.OTHER,
        "id_number": "",
        "phone": resident_request.contact_phone,
        "email": resident_request.contact_email,
        "address": resident_request.address,
        "description": f"{resident_request.title}\n{resident_request.details}",
        "provision_form": ProvisionForm.ELECTRONIC,
        "delivery": Delivery.EMAIL if resident_request.contact_email else Delivery.ONLINE,
        "received_at": now,
    }
    application, _ = handling.submit(
        fields,
        actor=actor,
        channel=Channel.FROM_MESSAGE,
        now=now,
        from_message=resident_request,
        query_password_hash=resident_request.query_password_hash,
    )
    request_handling.answer(resident_request, reply_text(application), actor, now=now)
    return application
